#!/usr/bin/env bash
# Builds Hopscope's Linux packages. Maven runs it in the `package` profile (packaging/pom.xml):
#
#   mvn -B -Ppackage -DskipTests package -pl packaging -am
#
# 1. jdeps + jlink: a trimmed Java runtime (the app is not modular; JavaFX jars stay on the class
#    path, their native libraries are put next to them so JavaFX loads them in place instead of
#    unpacking them into ~/.openjfx/cache).
# 2. jpackage --type app-image: the launcher, the jars, the runtime; the native helper is added as
#    lib/hopscope-helper.
# 3. jpackage --type deb --install-dir /usr: /usr/bin/hopscope (the launcher), /usr/lib/hopscope/
#    (app, runtime, helper). jpackage cannot put files outside its install tree, so the desktop
#    entry, MIME type, icons and man page are then added to the .deb as ordinary dpkg-owned files
#    (dpkg-deb -R / -b): dpkg triggers refresh the caches and removal leaves nothing behind.
# 4. jpackage --type rpm (when rpmbuild is installed), with a spec that adds the same files and
#    gives the helper cap_net_raw with %caps.
#
# Output in OUT: hopscope/ (app image), hopscope_V-R_ARCH.deb, hopscope-V-R.ARCH.rpm.
set -euo pipefail
# One brace group: bash parses all of it before running any, so editing this file while a
# build runs cannot make the running copy execute half-read lines.
{

HERE=$(cd "$(dirname "$0")" && pwd)
VERSION= INPUT= MAIN_JAR= HELPER= OUT= MODULES= TYPES=auto RELEASE=1 DEB_COMPRESSION=xz
VENDOR="The Hopscope authors"
MAINTAINER_EMAIL="maintainers@hopscope.org"   # jpackage writes "Maintainer: VENDOR <EMAIL>"
DESCRIPTION="Path diagnosis for load-balanced, NAT-ed, firewalled networks"
while [ $# -gt 0 ]; do
  case "$1" in
    --version) VERSION=$2; shift 2 ;;
    --input) INPUT=$2; shift 2 ;;
    --main-jar) MAIN_JAR=$2; shift 2 ;;
    --helper) HELPER=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    --modules) MODULES=$2; shift 2 ;;
    --types) TYPES=$2; shift 2 ;;
    --release) RELEASE=$2; shift 2 ;;
    # xz for releases; the e2e test takes gzip, several times faster to build on a loaded machine
    --deb-compression) DEB_COMPRESSION=$2; shift 2 ;;
    *) echo "build-packages: unknown argument $1" >&2; exit 2 ;;
  esac
done
for v in VERSION INPUT MAIN_JAR HELPER OUT MODULES; do
  [ -n "${!v}" ] || { echo "build-packages: --${v,,} is required" >&2; exit 2; }
done
say() { echo "[packaging] $(printf '%4ss' $SECONDS) $*"; }
die() { echo "[packaging] ERROR: $*" >&2; exit 1; }

# jpackage wants a numeric version; 0.1.0-SNAPSHOT -> 0.1.0
APP_VERSION=${VERSION%%-*}
[[ "$APP_VERSION" =~ ^[0-9]+(\.[0-9]+){0,2}$ ]] || die "cannot derive a jpackage version from $VERSION"
ARCH_DEB=$(dpkg --print-architecture 2>/dev/null || echo amd64)

# What to build: auto = app image, + deb when dpkg-deb and fakeroot exist, + rpm when rpmbuild does.
want() { [[ ",$TYPES," == *",$1,"* ]]; }
if [ "$TYPES" = auto ]; then
  TYPES=app-image
  command -v dpkg-deb >/dev/null && command -v fakeroot >/dev/null && TYPES+=,deb
  command -v rpmbuild >/dev/null && TYPES+=,rpm
  [[ "$TYPES" == *rpm* ]] || say "rpmbuild not found: no .rpm (apt-get install rpm)"
fi
say "building $TYPES for Hopscope $APP_VERSION (release $RELEASE)"

for tool in jlink jpackage jdeps; do command -v $tool >/dev/null || die "$tool not found (a full JDK 17+ is needed)"; done
[ -f "$INPUT/$MAIN_JAR" ] || die "main jar $INPUT/$MAIN_JAR missing (build the app module first)"
if [ ! -x "$HELPER" ]; then
  say "native helper $HELPER missing: running make"
  make -C "$(dirname "$(dirname "$HELPER")")" all
fi
[ -x "$HELPER" ] || die "native helper $HELPER was not built"

WORK="$OUT/jpackage-work"
rm -rf "$WORK" "$OUT/hopscope" "$OUT"/hopscope*.deb "$OUT"/hopscope*.rpm
mkdir -p "$WORK"

# ---- 1. class path input + JavaFX native libraries next to the jars --------------------------
APPIN="$WORK/input"
mkdir -p "$APPIN"
cp "$INPUT"/*.jar "$APPIN"/
for j in "$APPIN"/javafx-*-linux.jar; do
  [ -e "$j" ] || continue
  unzip -qo "$j" '*.so' -d "$APPIN" 2>/dev/null || true
done
chmod 0644 "$APPIN"/*.so 2>/dev/null || true

# ---- 2. jlink -----------------------------------------------------------------------------------
# The configured list (pom) plus whatever jdeps finds in the jars, so a new dependency's module is
# never silently missing at run time. Module descriptors are removed first: the jars run on the
# class path, and some of them name modules that do not resolve (pcap4j requires slf4j.api).
CLASSES="$WORK/jdeps-classes"
mkdir -p "$CLASSES"
# JavaFX's jars are left out: they are most of the bytes, and what they need (java.desktop,
# jdk.unsupported, jdk.jfr, java.xml) is in the configured list; jdeps is slow enough on them to
# double the build on a loaded machine.
for j in "$APPIN"/*.jar; do
  case "$(basename "$j")" in javafx-*) continue ;; esac
  unzip -qo "$j" '*.class' -d "$CLASSES" 2>/dev/null || true
done
find "$CLASSES" -name module-info.class -delete
FOUND=$(jdeps --multi-release 17 --ignore-missing-deps --print-module-deps "$CLASSES" 2>/dev/null | tail -1 || true)
rm -rf "$CLASSES"
# java.compiler only serves compile-time annotations (error_prone), never needed at run time
ALL=$(printf '%s\n' ${MODULES//,/ } ${FOUND//,/ } | grep -v '^java\.compiler$' | sort -u | paste -sd, -)
say "jlink modules: $ALL"
# --generate-cds-archive: the runtime's own class-data sharing archive of JDK classes (as a JDK has
# in lib/server/classes.jsa), which the application archive below extends. Both are written by the
# runtime's bin/java, so the native commands stay (--strip-native-commands saved ~0.1 MB).
jlink --add-modules "$ALL" --output "$WORK/runtime" --generate-cds-archive \
  --strip-debug --no-header-files --no-man-pages --compress=1

# Application class-data sharing (JEP 350), as the ./hopscope script does (issue 5): a training run
# of the command line writes lib/app/hopscope.jsa (engine and CLI classes, parsed and verified), which
# every start maps instead of reading the jars. The JVM checks each jar's absolute path, size and
# date against the archive (JDK 17 cannot relocate an application archive) and ignores, silently
# with -Xshare:auto, one that does not match. So only the app image, which stays where it is built,
# gets one here; the .deb/.rpm install to /usr/lib/hopscope, where an archive would have to be
# written after installation (postinst; not done yet, see app/docs/README.md). They still get the
# runtime's archive of JDK classes and C1.
# C1 only: ~1 s less CPU to the window shown, a 2,000-node graph still lays out in 9 ms (README).
JAVA_OPTIONS=('-XX:SharedArchiveFile=$APPDIR/hopscope.jsa' -Xshare:auto -XX:TieredStopAtLevel=1
              -Xlog:disable -Xlog:all=warning:stderr '-Xlog:cds*=off:stderr')
JAVA_OPTIONS_ARGS=()
for o in "${JAVA_OPTIONS[@]}"; do JAVA_OPTIONS_ARGS+=(--java-options "$o"); done
train_cds() { # APP_DIR (holding hopscope.cfg and the jars; the runtime is ../runtime)
  local app=$1 java=$1/../runtime/bin/java cp
  cp=$(awk -v d="$app" 'sub(/^app\.classpath=\$APPDIR/, "") { printf "%s%s%s", sep, d, $0; sep = ":" }' "$app/hopscope.cfg")
  rm -f "$app/hopscope.jsa" "$app/hopscope.jsa.tmp"
  if "$java" -XX:ArchiveClassesAtExit="$app/hopscope.jsa.tmp" -XX:TieredStopAtLevel=1 -Xlog:disable \
       -Xlog:all=warning:stderr '-Xlog:cds*=off:stderr' -cp "$cp" org.hopscope.app.Main trace --simulate demo -n \
       >/dev/null 2>&1 && [ -s "$app/hopscope.jsa.tmp" ]; then
    mv "$app/hopscope.jsa.tmp" "$app/hopscope.jsa"
    chmod 0644 "$app/hopscope.jsa"
    say "class-data archive: $app/hopscope.jsa ($(du -h "$app/hopscope.jsa" | cut -f1))"
  else
    rm -f "$app/hopscope.jsa.tmp"
    say "WARNING: the class-data archive could not be trained; the package starts without one"
  fi
}

# ---- 3. app image --------------------------------------------------------------------------------
COMMON=(--name hopscope --app-version "$APP_VERSION" --vendor "$VENDOR"
        --description "$DESCRIPTION" --copyright "Copyright $(date +%Y) $VENDOR")
jpackage --type app-image "${COMMON[@]}" \
  --input "$APPIN" --main-jar "$MAIN_JAR" --main-class org.hopscope.app.Main \
  --runtime-image "$WORK/runtime" --icon "$HERE/icons/png/hopscope-256.png" \
  "${JAVA_OPTIONS_ARGS[@]}" --dest "$WORK/image"
IMAGE="$WORK/image/hopscope"
install -m 0755 "$HELPER" "$IMAGE/lib/hopscope-helper"
say "app image: $(du -sh "$IMAGE" | cut -f1)"

# ---- freedesktop files, installed as ordinary package files by the .deb and the .rpm ------------
TREE="$WORK/desktop-tree"
SHARE="$TREE/usr/share"
install -D -m 0644 "$HERE/linux/org.hopscope.Hopscope.desktop" "$SHARE/applications/org.hopscope.Hopscope.desktop"
install -D -m 0644 "$HERE/linux/hopscope-mime.xml" "$SHARE/mime/packages/hopscope.xml"
for s in 16 24 32 48 64 128 256 512; do
  install -D -m 0644 "$HERE/icons/png/hopscope-$s.png" "$SHARE/icons/hicolor/${s}x${s}/apps/hopscope.png"
  if [ -f "$HERE/icons/png/application-x-hopscope-trace-$s.png" ]; then
    install -D -m 0644 "$HERE/icons/png/application-x-hopscope-trace-$s.png" \
      "$SHARE/icons/hicolor/${s}x${s}/mimetypes/application-x-hopscope-trace.png"
  fi
done
install -D -m 0644 "$HERE/icons/hopscope.svg" "$SHARE/icons/hicolor/scalable/apps/hopscope.svg"
install -D -m 0644 "$HERE/icons/application-x-hopscope-trace.svg" \
  "$SHARE/icons/hicolor/scalable/mimetypes/application-x-hopscope-trace.svg"
mkdir -p "$SHARE/man/man1" "$SHARE/doc/hopscope"
gzip -9n -c "$HERE/linux/hopscope.1" > "$SHARE/man/man1/hopscope.1.gz"
chmod 0644 "$SHARE/man/man1/hopscope.1.gz"
install -m 0644 "$HERE/README.md" "$SHARE/doc/hopscope/README.packaging.md"

# Maintainer scripts with the shared helper-privilege functions inlined.
inline_privs() { # template output
  awk -v f="$HERE/linux/deb/helper-privs.sh" '
    /^@HELPER_PRIVS@$/ { while ((getline l < f) > 0) print l; next } { print }' "$1" > "$2"
}

# ---- 4. .deb --------------------------------------------------------------------------------------
if want deb; then
  RES="$WORK/deb-resources"
  mkdir -p "$RES"
  cp "$HERE/linux/deb/control" "$RES/control"
  for s in preinst postinst prerm postrm; do inline_privs "$HERE/linux/deb/$s" "$RES/$s"; chmod 0755 "$RES/$s"; done
  # The .deb jpackage makes is only an intermediate (repacked below): skip its compression.
  DPKG_DEB_COMPRESSOR_TYPE=none jpackage --type deb "${COMMON[@]}" --app-image "$IMAGE" --install-dir /usr \
    --resource-dir "$RES" --linux-package-name hopscope --linux-app-release "$RELEASE" \
    --linux-deb-maintainer "$MAINTAINER_EMAIL" --linux-app-category net \
    --linux-package-deps "libcap2-bin" --dest "$WORK/deb"
  DEB_IN=$(ls "$WORK"/deb/*.deb)
  # Add the files jpackage cannot place outside its install tree; regenerate md5sums and size.
  X="$WORK/deb-root"
  dpkg-deb -R "$DEB_IN" "$X"
  cp -a "$TREE/." "$X/"
  # jpackage 17 copies libapplauncher.so twice in the /usr layout; the launcher uses lib/lib/
  # (checked by the e2e test, which runs the installed launcher).
  (cd "$X" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | LC_ALL=C sort -z \
     | xargs -0 md5sum) > "$X/DEBIAN/md5sums"
  chmod 0644 "$X/DEBIAN/md5sums"
  SIZE=$(du -sk --exclude=DEBIAN "$X" | cut -f1)
  sed -i "s/^Installed-Size:.*/Installed-Size: $SIZE/" "$X/DEBIAN/control"
  DEB="$OUT/hopscope_${APP_VERSION}-${RELEASE}_${ARCH_DEB}.deb"
  case "$DEB_COMPRESSION" in xz|gzip|zstd|none) ;; *) die "--deb-compression: xz, gzip, zstd or none" ;; esac
  dpkg-deb --root-owner-group -Z"$DEB_COMPRESSION" -b "$X" "$DEB" >/dev/null
  rm -rf "$X"
  say "deb: $DEB ($(du -h "$DEB" | cut -f1), installed $((SIZE / 1024)) MiB)"
  dpkg-deb -f "$DEB" Depends | sed 's/^/[packaging]   Depends: /'
fi

# ---- 5. .rpm ----------------------------------------------------------------------------------
if want rpm; then
  command -v rpmbuild >/dev/null || die "rpmbuild not found (apt-get install rpm)"
  RES="$WORK/rpm-resources"
  mkdir -p "$RES"
  awk -v tree="$TREE" -v f="$HERE/linux/deb/helper-privs.sh" '
    /^@HELPER_PRIVS@$/ { while ((getline l < f) > 0) print l; close(f); next }
    { gsub(/@DESKTOP_TREE@/, tree); print }' "$HERE/linux/rpm/hopscope.spec" > "$RES/hopscope.spec"
  jpackage --type rpm "${COMMON[@]}" --app-image "$IMAGE" --install-dir /usr \
    --resource-dir "$RES" --linux-package-name hopscope --linux-app-release "$RELEASE" \
    --linux-app-category Applications/Internet \
    --dest "$WORK/rpm"
  cp "$WORK"/rpm/*.rpm "$OUT/"
  say "rpm: $(ls "$OUT"/*.rpm) ($(du -h "$OUT"/*.rpm | cut -f1))"
fi

mv "$IMAGE" "$OUT/hopscope"
train_cds "$OUT/hopscope/lib/app" # where it stays: the archive holds absolute jar paths
say "app image: $OUT/hopscope (run $OUT/hopscope/bin/hopscope)"
rm -rf "$WORK/input" "$WORK/image"
exit
}
