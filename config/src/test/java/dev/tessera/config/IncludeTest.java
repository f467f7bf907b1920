package dev.tessera.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HOCON includes in the user's file: what they name must be there (QA 102 #2). */
class IncludeTest
{
    private static final String SESSIONS = "gateway.sessions = [ { compId = \"FIRM1\", ownerId = 7 } ]\n";

    @TempDir
    Path dir;

    @Test
    void shouldIncludeAFileBesideTheConfiguration() throws IOException
    {
        Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(dir.resolve("secrets/sessions.conf"), SESSIONS);
        final Path file = Files.writeString(dir.resolve("prod.conf"), "include \"secrets/sessions.conf\"\n");

        final ExchangeConfig config = ExchangeConfigLoader.load(file, Map.of());

        assertThat(config.gateway().sessions()).extracting(SessionConfig::compId).containsExactly("FIRM1");
    }

    @Test
    void shouldIncludeABasenameByItsExtensionAndANestedIncludeBesideItsOwnFile() throws IOException
    {
        Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(dir.resolve("secrets/inner.conf"), SESSIONS);
        Files.writeString(dir.resolve("secrets/outer.conf"), "include \"inner\"\n");
        final Path file = Files.writeString(dir.resolve("prod.conf"), "include required(\"secrets/outer\")\n");

        final ExchangeConfig config = ExchangeConfigLoader.load(file, Map.of());

        assertThat(config.gateway().sessions()).extracting(SessionConfig::compId).containsExactly("FIRM1");
    }

    @Test
    void shouldStillIncludeAClasspathResource() throws IOException
    {
        // The test classpath's reference.conf (another library's, with its own key) is found and included.
        final Path file = Files.writeString(dir.resolve("prod.conf"), "include \"reference.conf\"\n");

        assertThatThrownBy(() -> ExchangeConfigLoader.load(file, Map.of()))
            .isInstanceOfSatisfying(ConfigValidationException.class, e -> assertThat(e.problems())
                .singleElement().asString().startsWith("someOtherLibrary is not a known key"));
    }

    @Test
    void shouldRefuseAnIncludeOfAMissingFileNamingItAndWhereItIsIncluded() throws IOException
    {
        final Path file = Files.writeString(dir.resolve("prod.conf"),
            "gateway.port = 9921\ninclude \"secrets/sessions.conf\"\n");

        assertThatThrownBy(() -> ExchangeConfigLoader.load(file, Map.of()))
            .isInstanceOf(ConfigValidationException.class)
            .hasMessageContaining("include \"secrets/sessions.conf\": the file " + dir.resolve("secrets/sessions.conf") +
                " does not exist")
            .hasMessageContaining("(" + file + ": 2)");
    }

    @Test
    void shouldRefuseARequiredIncludeOfAMissingFileAsAFileNotAClasspathResource() throws IOException
    {
        final Path file = Files.writeString(dir.resolve("prod.conf"), "include required(\"incc.conf\")\n");

        assertThatThrownBy(() -> ExchangeConfigLoader.load(file, Map.of()))
            .isInstanceOf(ConfigValidationException.class)
            .hasMessageContaining("include required(\"incc.conf\"): the file " + dir.resolve("incc.conf") +
                " does not exist")
            .hasMessageNotContaining("resource not found on classpath");
    }

    /** QA 117 C1: required(...) around file(...) or classpath(...) was dropped from the statement the problem names. */
    @Test
    void shouldNameARequiredIncludeFileOrClasspathAsWritten() throws IOException
    {
        final Path file = Files.writeString(dir.resolve("prod.conf"),
            "include required(file(\"no-such-dir-qa117/sessions.conf\"))\ninclude required(classpath(\"no-such-qa117\"))\n");

        assertThatThrownBy(() -> ExchangeConfigLoader.load(file, Map.of()))
            .isInstanceOfSatisfying(ConfigValidationException.class, e -> assertThat(e.problems())
                .anyMatch(problem -> problem.startsWith("include required(file(\"no-such-dir-qa117/sessions.conf\")): " +
                    "the file " + Path.of("no-such-dir-qa117/sessions.conf").toAbsolutePath() + " does not exist") &&
                    problem.endsWith("(" + file + ": 1)"))
                .anyMatch(problem -> problem.startsWith("include required(classpath(\"no-such-qa117\")): there is no " +
                    "resource no-such-qa117 on the classpath") && problem.endsWith("(" + file + ": 2)")));
    }

    /** QA 115 F5: the line was the first that included the name in any form, here the plain include on line 2. */
    @Test
    void shouldPlaceAMissingIncludeFileAtItsOwnLineNotAnEarlierPlainIncludeOfTheName() throws IOException
    {
        final String name = "no-such-dir-qa115/sessions.conf";
        Files.createDirectories(dir.resolve("no-such-dir-qa115"));
        Files.writeString(dir.resolve(name), "gateway.port = 9921\n");
        final Path file = Files.writeString(dir.resolve("prod.conf"),
            "gateway.port = 9922\ninclude \"" + name + "\"\n\ninclude file(\"" + name + "\")\n");

        assertThatThrownBy(() -> ExchangeConfigLoader.load(file, Map.of()))
            .isInstanceOf(ConfigValidationException.class)
            .hasMessageContaining("include file(\"" + name + "\"): the file")
            .hasMessageContaining("(" + file + ": 4)");
    }

    @Test
    void shouldRefuseAMissingIncludeInsideAnIncludedFileNamingThatFile() throws IOException
    {
        Files.writeString(dir.resolve("outer.conf"), "# sessions\n\ninclude \"gone\"\n");
        final Path file = Files.writeString(dir.resolve("prod.conf"), "include \"outer.conf\"\n");

        assertThatThrownBy(() -> ExchangeConfigLoader.load(file, Map.of()))
            .isInstanceOf(ConfigValidationException.class)
            .hasMessageContaining("include \"gone\": none of the files " + dir.resolve("gone") +
                ".conf, .json or .properties exists")
            .hasMessageContaining("(" + dir.resolve("outer.conf") + ": 3)");
    }

    @Test
    void shouldRefuseAnIncludeFileOfAMissingFileSayingItIsRelativeToTheWorkingDirectory() throws IOException
    {
        final Path file = Files.writeString(dir.resolve("prod.conf"),
            "include file(\"no-such-dir-qa102/sessions.conf\")\n");

        assertThatThrownBy(() -> ExchangeConfigLoader.load(file, Map.of()))
            .isInstanceOf(ConfigValidationException.class)
            .hasMessageContaining("include file(\"no-such-dir-qa102/sessions.conf\"): the file " +
                Path.of("no-such-dir-qa102/sessions.conf").toAbsolutePath() + " does not exist")
            .hasMessageContaining("relative to the working directory")
            .hasMessageContaining("(" + file + ": 1)");
    }

    @Test
    void shouldReportEveryMissingIncludeAtOnce() throws IOException
    {
        final Path file = Files.writeString(dir.resolve("prod.conf"), "include \"a.conf\"\ninclude \"b.conf\"\n");

        assertThatThrownBy(() -> ExchangeConfigLoader.load(file, Map.of()))
            .isInstanceOfSatisfying(ConfigValidationException.class, e -> assertThat(e.problems())
                .anyMatch(problem -> problem.startsWith("include \"a.conf\""))
                .anyMatch(problem -> problem.startsWith("include \"b.conf\"")));
    }

    @Test
    void shouldRefuseAnIncludeUrlOfAMissingFileNamingTheFileAndTheLine() throws IOException
    {
        // QA 105: refused with Java's exception text and no line (the URL reaches the includer as file:/...).
        final Path missing = dir.resolve("gone.conf");
        final Path file = Files.writeString(dir.resolve("prod.conf"),
            "gateway.port = 9921\ninclude url(\"file://" + missing + "\")\n");

        assertThatThrownBy(() -> ExchangeConfigLoader.load(file, Map.of()))
            .isInstanceOfSatisfying(ConfigValidationException.class, e -> assertThat(e.problems()).singleElement()
                .asString()
                .startsWith("include url(\"file://" + missing + "\"): the file " + missing + " does not exist")
                .endsWith("(" + file + ": 2)")
                .doesNotContain("Exception"));
    }

    /** QA 124: named include url("file:/...") whatever was written, and required( dropped. */
    @Test
    void shouldNameARequiredIncludeUrlAsWritten() throws IOException
    {
        final Path missing = dir.resolve("gone.conf");
        final Path file = Files.writeString(dir.resolve("prod.conf"),
            "gateway.port = 9921\ninclude required( url( \"file://" + missing + "\" ) )\n");

        assertThatThrownBy(() -> ExchangeConfigLoader.load(file, Map.of()))
            .isInstanceOfSatisfying(ConfigValidationException.class, e -> assertThat(e.problems()).singleElement()
                .asString()
                .startsWith("include required(url(\"file://" + missing + "\")): the file " + missing + " does not exist")
                .endsWith("(" + file + ": 2)"));
    }
}
