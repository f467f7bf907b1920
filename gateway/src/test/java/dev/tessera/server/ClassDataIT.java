package dev.tessera.server;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * bin/class-data, which bin/tessera and perf/bin/pipeline-bench run: it makes the class-data archive once
 * per build, the launcher's classes then come from it, and an archive the JVM cannot use changes nothing
 * a user sees. Runs on a copy of the packaged launcher (jar and lib/), so the real one's archive is left
 * alone.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClassDataIT
{
    private static final Path ROOT = Path.of(System.getProperty("tessera.root", "..")).toAbsolutePath().normalize();
    private static final String SHARED = "source: shared objects file (top)";

    @TempDir
    static Path home;
    private static Path jar;

    private record Result(int exitCode, String stdout, String stderr)
    {
    }

    @BeforeAll
    static void copyLauncher() throws IOException
    {
        final Path target = ROOT.resolve("gateway/target");
        jar = home.resolve("tessera.jar");
        Files.copy(target.resolve("tessera.jar"), jar);
        Files.createDirectories(home.resolve("lib"));
        try (Stream<Path> libs = Files.list(target.resolve("lib")))
        {
            for (final Path lib : (Iterable<Path>)libs::iterator)
            {
                Files.copy(lib, home.resolve("lib").resolve(lib.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    @Test
    @Order(1)
    void shouldMakeTheArchiveOnceAndLoadTheExchangeClassesFromIt() throws Exception
    {
        final Result first = classData(Map.of());
        assertThat(first.exitCode()).isZero();
        assertThat(first.stderr()).contains("making the class-data archive");
        final Path archive = archive(first.stdout());
        assertThat(archive).exists().hasParent(home);
        assertThat(Files.size(archive)).isPositive();
        assertThat(first.stdout()).contains("-Xlog:cds=off");

        final FileTime made = Files.getLastModifiedTime(archive);
        final Result second = classData(Map.of());
        assertThat(second.stdout()).isEqualTo(first.stdout());
        assertThat(second.stderr()).doesNotContain("making");
        assertThat(Files.getLastModifiedTime(archive)).isEqualTo(made);

        // The demo opens a journal and recovers it: Chronicle's classes, and ours, come from the archive.
        final Result demo = java(flags(second.stdout()), List.of("-Xlog:class+load=info"), "--demo",
            "--set", "journal.directory=" + home.resolve("journal"),
            "--set", "journal.snapshotDirectory=" + home.resolve("snapshots"));
        assertThat(demo.exitCode()).as(demo.stderr()).isZero();
        assertThat(demo.stdout())
            .contains("net.openhft.chronicle.queue.impl.single.SingleChronicleQueue " + SHARED)
            .contains("dev.tessera.journal.Recovery " + SHARED)
            .contains("dev.tessera.engine.MatchingEngine " + SHARED)
            .contains("state hash");
    }

    @Test
    @Order(2)
    void shouldMakeItAgainWhenTheJarIsNewerThanTheArchive() throws Exception
    {
        final Path archive = archive(classData(Map.of()).stdout());
        final FileTime older = FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 10_000);
        Files.setLastModifiedTime(archive, older);

        final Result again = classData(Map.of());

        assertThat(again.stderr()).contains("making the class-data archive");
        assertThat(Files.getLastModifiedTime(archive).toMillis()).isGreaterThan(older.toMillis());
    }

    @Test
    @Order(3)
    void shouldChangeNothingAUserSeesWhenTheArchiveCannotBeUsed() throws Exception
    {
        final List<String> flags = flags(classData(Map.of()).stdout());
        final Result before = java(List.of(), List.of(), "config");

        // A library changed after the archive was made: the JVM refuses the archive and loads from the jars.
        final Path lib;
        try (Stream<Path> libs = Files.list(home.resolve("lib")))
        {
            lib = libs.filter(path -> path.getFileName().toString().startsWith("agrona")).findFirst().orElseThrow();
        }
        Files.setLastModifiedTime(lib, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        final Result stale = java(flags, List.of(), "config");

        assertThat(stale.exitCode()).isZero();
        assertThat(stale.stdout()).isEqualTo(before.stdout());
        assertThat(stale.stderr()).doesNotContain("cds").doesNotContain("archive");
    }

    @Test
    @Order(4)
    void shouldPrintNoFlagsWhenSwitchedOff() throws Exception
    {
        final Result off = classData(Map.of("TESSERA_CLASS_DATA", "off"));

        assertThat(off.exitCode()).isZero();
        assertThat(off.stdout()).isBlank();
    }

    private static Result classData(final Map<String, String> environment) throws IOException, InterruptedException
    {
        final ProcessBuilder builder = new ProcessBuilder(ROOT.resolve("bin/class-data").toString(), jar.toString());
        builder.environment().putAll(environment);
        return run(builder);
    }

    private static Result java(final List<String> classData, final List<String> jvm, final String... args)
        throws IOException, InterruptedException
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("@" + ROOT.resolve(".mvn/jvm.config"));
        command.addAll(classData);
        command.addAll(jvm);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(Arrays.asList(args));
        return run(new ProcessBuilder(command).directory(home.toFile()));
    }

    private static Result run(final ProcessBuilder builder) throws IOException, InterruptedException
    {
        final Path out = Files.createTempFile(home, "out", ".txt");
        final Path err = Files.createTempFile(home, "err", ".txt");
        final Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
    }

    private static List<String> flags(final String stdout)
    {
        return Arrays.asList(stdout.trim().split("\\s+"));
    }

    private static Path archive(final String stdout)
    {
        return flags(stdout).stream()
            .filter(flag -> flag.startsWith("-XX:SharedArchiveFile="))
            .map(flag -> Path.of(flag.substring("-XX:SharedArchiveFile=".length())))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no archive flag in: " + stdout));
    }
}
