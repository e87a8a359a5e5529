# Shared by the .deb maintainer scripts and the .rpm scriptlets (build-packages.sh inlines
# this file where the scripts say @HELPER_PRIVS@). POSIX sh; every function returns 0.
HOPSCOPE_HELPER=/usr/lib/hopscope/hopscope-helper

# Give the helper CAP_NET_RAW, preferably as a file capability, else setuid root, the way
# mtr-packet and Wireshark's dumpcap are installed. The helper drops every privilege right
# after opening its sockets (native-helper/SECURITY.md). Default: root:root 0755, any local
# user may trace (like ping and mtr). An administrator's dpkg-statoverride (e.g. root:hopscope
# 0750 to restrict it to a group) is honoured: dpkg has already applied its owner and mode and
# we only add the capability, which changes neither.
hopscope_grant_helper() {
    [ -f "$HOPSCOPE_HELPER" ] || return 0
    if command -v dpkg-statoverride >/dev/null 2>&1 \
            && dpkg-statoverride --list "$HOPSCOPE_HELPER" >/dev/null 2>&1; then
        if [ -u "$HOPSCOPE_HELPER" ]; then
            echo "hopscope: $HOPSCOPE_HELPER: setuid per dpkg-statoverride, left as is"
        elif command -v setcap >/dev/null 2>&1 && setcap cap_net_raw+ep "$HOPSCOPE_HELPER"; then
            echo "hopscope: $HOPSCOPE_HELPER: cap_net_raw+ep (owner and mode from dpkg-statoverride)"
        else
            echo "hopscope: $HOPSCOPE_HELPER: could not set cap_net_raw; dpkg-statoverride in place, not making it setuid" >&2
        fi
        return 0
    fi
    chown root:root "$HOPSCOPE_HELPER"
    chmod 0755 "$HOPSCOPE_HELPER"
    if command -v setcap >/dev/null 2>&1 \
            && setcap cap_net_raw+ep "$HOPSCOPE_HELPER" 2>/dev/null \
            && getcap "$HOPSCOPE_HELPER" 2>/dev/null | grep -q cap_net_raw; then
        echo "hopscope: $HOPSCOPE_HELPER: cap_net_raw+ep"
    else
        chmod 4755 "$HOPSCOPE_HELPER"
        echo "hopscope: file capabilities unavailable here; $HOPSCOPE_HELPER is setuid root (it drops root after opening its sockets)"
    fi
    return 0
}

# Take the privilege away before the package manager unlinks or replaces the helper, so a
# hard link to the old inode does not keep cap_net_raw or setuid root.
hopscope_revoke_helper() {
    [ -f "$HOPSCOPE_HELPER" ] || return 0
    if command -v setcap >/dev/null 2>&1; then
        setcap -r "$HOPSCOPE_HELPER" 2>/dev/null || true
    fi
    chmod u-s,g-s "$HOPSCOPE_HELPER" 2>/dev/null || true
    return 0
}
