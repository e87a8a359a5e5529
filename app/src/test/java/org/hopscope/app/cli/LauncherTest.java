package org.hopscope.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.hopscope.engine.format.TraceDocumentReader;
import org.hopscope.engine.trace.TraceSnapshot;
import org.hopscope.engine.trace.TraceStatus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real {@code ./hopscope} launcher script in a process. Maven's test phase comes before the
 * app jar exists, so the script runs in a copy of the repository layout: the script itself, the app
 * jar packed from the compiled classes and a lib/ of this test's class path. A fake {@code mvn} on the
 * PATH shows whether (and how) the script decides to build.
 */
@DisabledOnOs(OS.WINDOWS)
class LauncherTest {
    private static final FileTime LONG_AGO = FileTime.fromMillis(System.currentTimeMillis() - 86_400_000L);

    @TempDir
    static Path work;
    private static Path root;
    private static Path stash;
    private static Path bin;
    private static Path mvnLog;

    @BeforeAll
    static void layout() throws Exception {
        Path repo = Path.of("").toAbsolutePath();
        while (repo != null && !(Files.isRegularFile(repo.resolve("hopscope")) && Files.isRegularFile(repo.resolve("pom.xml")))) {
            repo = repo.getParent();
        }
        assertThat(repo).as("repository root with the hopscope script").isNotNull();
        root = work.resolve("repo");
        Files.createDirectories(root.resolve("app/target"));
        Files.copy(repo.resolve("hopscope"), root.resolve("hopscope"), StandardCopyOption.COPY_ATTRIBUTES);

        stash = work.resolve("stash");
        Path lib = Files.createDirectories(stash.resolve("lib"));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (Files.isRegularFile(p) && entry.endsWith(".jar")) {
                Path dest = lib.resolve(p.getFileName());
                if (!Files.exists(dest)) {
                    Files.createSymbolicLink(dest, p.toAbsolutePath()); // the class path's jars, not copies
                }
            } else if (Files.isDirectory(p) && p.getFileName().toString().equals("classes")) {
                String module = p.getParent().getParent().getFileName().toString();
                Path jar = module.equals("app") ? stash.resolve("hopscope-app-0.1.0-SNAPSHOT.jar")
                        : lib.resolve("hopscope-" + module + "-classes.jar");
                jarUp(p, jar);
            }
        }
        assertThat(stash.resolve("hopscope-app-0.1.0-SNAPSHOT.jar")).exists();
        install();

        // Sources and poms older than the jar: nothing to build.
        for (String f : new String[] {"pom.xml", "engine/pom.xml", "app/pom.xml", "engine/src/main/java/E.java",
            "app/src/main/java/A.java"}) {
            Path p = root.resolve(f);
            Files.createDirectories(p.getParent());
            Files.writeString(p, "");
            Files.setLastModifiedTime(p, LONG_AGO);
        }

        bin = Files.createDirectories(work.resolve("bin"));
        mvnLog = work.resolve("mvn.log");
        Path mvn = bin.resolve("mvn");
        // Records its arguments and "builds" by restoring the stashed jar and lib/, like package would.
        Files.writeString(mvn, "#!/usr/bin/env bash\n"
                + "echo \"$PWD $*\" >> '" + mvnLog + "'\n"
                + "[ -n \"${FAKE_MVN_FAIL:-}\" ] && { echo 'BUILD FAILURE' >&2; exit 1; }\n"
                + "mkdir -p app/target && cp -r '" + stash.resolve("lib") + "' app/target/ && cp '"
                + stash.resolve("hopscope-app-0.1.0-SNAPSHOT.jar") + "' app/target/\n");
        mvn.toFile().setExecutable(true);
    }

    private static void install() throws IOException {
        Path target = root.resolve("app/target");
        copyTree(stash.resolve("lib"), target.resolve("lib"));
        Files.copy(stash.resolve("hopscope-app-0.1.0-SNAPSHOT.jar"), target.resolve("hopscope-app-0.1.0-SNAPSHOT.jar"),
                StandardCopyOption.REPLACE_EXISTING);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else if (Files.isSymbolicLink(p)) {
                    Files.deleteIfExists(dest);
                    Files.createSymbolicLink(dest, Files.readSymbolicLink(p));
                } else {
                    Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void jarUp(Path dir, Path jar) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out);
                Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                j.putNextEntry(new JarEntry(dir.relativize(p).toString().replace(File.separatorChar, '/')));
                Files.copy(p, j);
                j.closeEntry();
            }
        }
    }

    private record Run(int status, String out, String err) {
    }

    private static Run launch(Path script, Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", script.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile());
        String javaBin = Path.of(System.getProperty("java.home"), "bin").toString();
        pb.environment().put("PATH", bin + File.pathSeparator + javaBin + File.pathSeparator
                + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        pb.environment().putAll(env);
        Path out = Files.createTempFile(work, "out", ".txt");
        Path err = Files.createTempFile(work, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("launcher finished").isTrue();
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static Run launch(String... args) throws Exception {
        return launch(root.resolve("hopscope"), Map.of(), args);
    }

    @Test
    void tracesTheSimulatedNetworkAsText() throws Exception {
        Run r = launch("trace", "--simulate", "unequal-lb", "-n", "dst");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.err().lines().toList()).containsExactly(
                "transport: simulated (UDP, ICMP, TCP; IPv4+IPv6); simulated network: no packet leaves this machine");
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).startsWith("traceroute [(198.18.0.2:33456) -> (198.18.7.10:33457)], protocol udp");
        assertThat(lines.get(1)).startsWith(" 1  198.18.0.1  ");
        // The last hop line comes just before the findings (PathAnalysis).
        assertThat(lines.get(lines.indexOf("Findings:") - 1)).contains("198.18.7.10  ");
        assertThat(mvnLogLines()).isEmpty();
    }

    @Test
    void tracesTheSimulatedNetworkAsJson() throws Exception {
        Run r = launch("trace", "--simulate", "unequal-lb", "--json");
        assertThat(r.status()).as(r.err()).isZero();
        TraceSnapshot s = TraceDocumentReader.read(new StringReader(r.out()));
        assertThat(s.status()).isEqualTo(TraceStatus.REACHED);
        assertThat(s.settings().target()).isEqualTo("dst");
    }

    @Test
    void worksThroughASymlinkFromAnotherDirectory() throws Exception {
        Path link = work.resolve("elsewhere/hs");
        Files.createDirectories(link.getParent());
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, root.resolve("hopscope"));
        Run r = launch(link, Map.of(), "--version");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("Hopscope 0.1.0\n");
    }

    @Test
    void badUsageIsOneLineAndStatus2() throws Exception {
        Run r = launch("trace", "-q", "many", "dst");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("hopscope: -q: 'many' is not a whole number\n");
    }

    @Test
    void buildsWhenASourceIsNewerThanTheJarAndKeepsStdoutClean() throws Exception {
        Path source = root.resolve("engine/src/main/java/E.java");
        try {
            Files.setLastModifiedTime(source, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
            Files.deleteIfExists(mvnLog);
            Run r = launch("--version");
            assertThat(r.status()).as(r.err()).isZero();
            assertThat(r.out()).isEqualTo("Hopscope 0.1.0\n");
            assertThat(r.err()).contains("hopscope: building");
            assertThat(mvnLogLines()).containsExactly(root + " -B -q -Dstyle.color=never -DskipTests -pl app -am package");
        } finally {
            Files.setLastModifiedTime(source, LONG_AGO);
            Files.setLastModifiedTime(root.resolve("app/target/hopscope-app-0.1.0-SNAPSHOT.jar"),
                    FileTime.fromMillis(System.currentTimeMillis()));
            Files.deleteIfExists(mvnLog);
        }
    }

    @Test
    void buildsWhenTheJarIsMissingAndReportsAFailedBuild() throws Exception {
        Path jar = root.resolve("app/target/hopscope-app-0.1.0-SNAPSHOT.jar");
        try {
            Files.delete(jar);
            Run r = launch(root.resolve("hopscope"), Map.of("FAKE_MVN_FAIL", "1"), "--version");
            assertThat(r.status()).isEqualTo(2);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).contains("hopscope: the build failed");
            assertThat(mvnLogLines()).hasSize(1);
        } finally {
            install();
            Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis()));
            Files.deleteIfExists(mvnLog);
        }
    }

    /** The launcher's class-data sharing archives of one mode ("cli", "gui"), and any half-written ones. */
    private static List<Path> archives(String mode) throws IOException {
        try (Stream<Path> s = Files.list(root.resolve("app/target"))) {
            return s.filter(p -> p.getFileName().toString().startsWith("hopscope-cds-" + mode + "-")).sorted().toList();
        }
    }

    private static void dropArchives() throws IOException {
        try (Stream<Path> s = Files.list(root.resolve("app/target"))) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith("hopscope-cds-")).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Where the JVM loaded Main from, per -Xlog:class+load (appended after the launcher's own -Xlog). */
    private static Run traceLoggingClassLoads() throws Exception {
        return launch(root.resolve("hopscope"), Map.of("HOPSCOPE_JAVA_OPTS", "-Xlog:class+load=info:stderr"),
                "trace", "--simulate", "unequal-lb", "--json");
    }

    private static String mainSource(Run r) {
        return r.err().lines().filter(l -> l.contains(" org.hopscope.app.Main source: ")).findFirst().orElse("");
    }

    @Test
    void firstTraceWritesAClassDataArchiveThatLaterRunsMapWithStdoutClean() throws Exception {
        dropArchives();
        Run first = launch("trace", "--simulate", "unequal-lb", "--json");
        assertThat(first.status()).as(first.err()).isZero();
        // The JVM's notes while writing the archive must not land in the JSON.
        assertThat(TraceDocumentReader.read(new StringReader(first.out())).status()).isEqualTo(TraceStatus.REACHED);
        List<Path> written = archives("cli");
        assertThat(written).hasSize(1);
        assertThat(written.get(0).getFileName().toString()).matches("hopscope-cds-cli-[0-9]+\\.jsa");
        assertThat(Files.size(written.get(0))).isGreaterThan(100_000);
        assertThat(archives("gui")).isEmpty();

        Run second = traceLoggingClassLoads();
        assertThat(second.status()).as(second.err()).isZero();
        assertThat(mainSource(second)).contains("shared objects file (top)");
        assertThat(archives("cli")).isEqualTo(written);
        assertThat(TraceDocumentReader.read(new StringReader(second.out())).status()).isEqualTo(TraceStatus.REACHED);
    }

    @Test
    void helpAndVersionDoNotTrainTheArchiveNorDoesHopscopeCds0NorAFailedCommand() throws Exception {
        dropArchives();
        assertThat(launch("--version").status()).isZero();
        assertThat(launch("trace", "-q", "many", "dst").status()).isEqualTo(2);
        assertThat(archives("cli")).isEmpty();
        assertThat(launch("trace", "--help").status()).isZero(); // trains: a real command
        assertThat(archives("cli")).hasSize(1);
        dropArchives();
        assertThat(launch("--help").status()).isZero();
        Run off = launch(root.resolve("hopscope"), Map.of("HOPSCOPE_CDS", "0"), "trace", "--simulate", "unequal-lb",
                "-n", "dst");
        assertThat(off.status()).as(off.err()).isZero();
        assertThat(off.out()).startsWith("traceroute [");
        assertThat(archives("cli")).isEmpty();
    }

    @Test
    void anArchiveOlderThanTheJarIsReplacedAndAnUnusableOneIsIgnored() throws Exception {
        dropArchives();
        assertThat(launch("trace", "--simulate", "unequal-lb", "-n", "dst").status()).isZero();
        Path archive = archives("cli").get(0);
        // The jar was rebuilt after the archive: the archive is written anew by the next command.
        Files.setLastModifiedTime(archive, LONG_AGO);
        assertThat(launch("trace", "--simulate", "unequal-lb", "-n", "dst").status()).isZero();
        assertThat(archives("cli")).containsExactly(archive);
        assertThat(Files.getLastModifiedTime(archive).toMillis()).isGreaterThan(LONG_AGO.toMillis());

        // Garbage where the archive should be (a disk error, another tool): the JVM falls back to the
        // jars, silently; output and status are those of a normal run.
        archive.toFile().setWritable(true);
        Files.writeString(archive, "not a class-data archive\n".repeat(1000));
        Files.setLastModifiedTime(archive, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        Run r = traceLoggingClassLoads();
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(mainSource(r)).contains("source: file:").doesNotContain("shared objects file");
        assertThat(TraceDocumentReader.read(new StringReader(r.out())).status()).isEqualTo(TraceStatus.REACHED);
        assertThat(r.err().lines().filter(l -> !l.contains("[class,load]")).toList()).containsExactly(
                "transport: simulated (UDP, ICMP, TCP; IPv4+IPv6); simulated network: no packet leaves this machine");
        dropArchives();
    }

    private static List<String> mvnLogLines() throws IOException {
        return Files.exists(mvnLog) ? Files.readAllLines(mvnLog) : List.of();
    }
}
