package dev.tessera.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --config} and {@code --set} given before a subcommand ({@code bin/tessera --config F config}):
 * picocli parses them into the launcher's options, and the subcommand must still apply them. The
 * launcher's own {@code --demo} and {@code --repair} mean nothing to a subcommand and are refused there.
 */
class LauncherOptionsTest
{
    @TempDir
    Path directory;

    private final LauncherConsole console = new LauncherConsole();

    private Path file(final String name, final String content) throws IOException
    {
        return Files.writeString(directory.resolve(name), content);
    }

    @Test
    void shouldRefuseABadConfigFileGivenBeforeTheSubcommand() throws IOException
    {
        final Path bad = file("bad.conf", "instruments = [{symbol=X, id=1, tickSize=-1, referencePrice=1}]\n");

        assertThat(console.run("--config", bad.toString(), "config")).isEqualTo(TesseraMain.EXIT_BAD_CONFIG);

        assertThat(console.err()).contains("instruments[0].tickSize must be > 0, got -1");
        assertThat(console.out()).doesNotContain("configuration OK");
    }

    @Test
    void shouldRefuseAMissingConfigFileWhereverItIsGiven()
    {
        final Path missing = directory.resolve("missing.conf");

        assertThat(console.run("--config", missing.toString(), "config")).isEqualTo(TesseraMain.EXIT_BAD_CONFIG);
        assertThat(console.err()).contains("config file " + missing + " does not exist");

        assertThat(console.run("config", "--config", missing.toString())).isEqualTo(TesseraMain.EXIT_BAD_CONFIG);
        assertThat(console.err()).contains("config file " + missing + " does not exist");

        assertThat(console.run("--config", missing.toString(), "journal", "verify")).isEqualTo(TesseraMain.EXIT_BAD_CONFIG);
        assertThat(console.err()).contains("config file " + missing + " does not exist");
    }

    @Test
    void shouldApplyAConfigFileGivenBeforeTheSubcommand() throws IOException
    {
        final Path good = file("good.conf", "gateway.port = 9911\n");

        assertThat(console.run("--config", good.toString(), "config")).isEqualTo(TesseraMain.EXIT_OK);

        assertThat(console.out()).contains(":9911 ", "configuration OK");
    }

    @Test
    void shouldRefuseAConfigFileGivenBothBeforeAndAfterTheSubcommand() throws IOException
    {
        final Path one = file("one.conf", "gateway.port = 9911\n");
        final Path two = file("two.conf", "gateway.port = 9922\n");

        assertThat(console.run("--config", one.toString(), "config", "--config", two.toString()))
            .isEqualTo(TesseraMain.EXIT_BAD_CONFIG);

        assertThat(console.err()).contains("--config given both before and after the subcommand", one.toString(),
            two.toString());
        assertThat(console.out()).doesNotContain("configuration OK");
    }

    @Test
    void shouldApplyOverridesGivenBeforeANestedSubcommand()
    {
        final Path journal = directory.resolve("srv-a-journal");
        JournalFixture.scripted(journal);

        assertThat(console.run("--set", "journal.directory=" + journal, "journal", "verify")).isEqualTo(TesseraMain.EXIT_OK);
        assertThat(console.out()).contains("journal   " + journal.toAbsolutePath(), "journal OK");

        assertThat(console.run("--set", "journal.directory=" + journal, "journal", "stats")).isEqualTo(TesseraMain.EXIT_OK);
        assertThat(console.out()).contains("journal  " + journal.toAbsolutePath());

        assertThat(console.run("--set", "journal.directory=" + journal, "project", "trades")).isEqualTo(TesseraMain.EXIT_OK);
        assertThat(console.out()).contains("journal   " + journal.toAbsolutePath());
    }

    @Test
    void shouldMergeOverridesGivenBeforeAndAfterTheSubcommandTheLaterWinning() throws IOException
    {
        final Path base = file("base.conf", "gateway.compId = FROMFILE\n");

        final int exit = console.run("--config", base.toString(), "--set", "gateway.port=9911",
            "--set", "gateway.host=127.0.0.2", "config", "--set", "gateway.port=9922");

        assertThat(exit).isEqualTo(TesseraMain.EXIT_OK);
        assertThat(console.out())
            .contains("gateway    127.0.0.2:9922 compId FROMFILE ")
            .doesNotContain("9911");
    }

    /** QA 95: picocli printed the command's whole help after the message, 40 lines that scrolled it away. */
    @Test
    void shouldSayAUsageMistakeInOneLineAndWhereTheOptionsAreListed()
    {
        assertThat(console.run("journal", "dump", "--limit", "0")).isEqualTo(TesseraMain.EXIT_BAD_CONFIG);
        assertThat(console.err()).isEqualTo("tessera: --limit must be > 0, got 0" + System.lineSeparator() +
            "tessera: `bin/tessera journal dump --help` lists the options" + System.lineSeparator());
        // QA 115 F6, QA 117: picocli's suggestion was a line of its own, the only one without the tessera: prefix.
        assertThat(console.run("journl")).isEqualTo(TesseraMain.EXIT_BAD_CONFIG);
        assertThat(console.err()).isEqualTo("tessera: Unmatched argument at index 0: 'journl'; did you mean " +
            "journal?" + System.lineSeparator() + "tessera: `bin/tessera --help` lists the options" +
            System.lineSeparator());
        assertThat(console.run("config", "--sett", "gateway.port=1")).isEqualTo(TesseraMain.EXIT_BAD_CONFIG);
        assertThat(console.err().lines()).hasSize(2).allSatisfy(line -> assertThat(line).startsWith("tessera: "))
            .first().asString().contains("'--sett'").endsWith("; did you mean --set?");
        // QA 124: a misspelt required option was reported as missing only, with no word of the misspelling.
        // (simulate's INPUT is required: an option misspelt before it left it missing.)
        for (final String misspelt : new String[] {"--speeed", "--speeed=5"})
        {
            assertThat(console.run("simulate", misspelt)).isEqualTo(TesseraMain.EXIT_BAD_CONFIG);
            assertThat(console.err()).isEqualTo("tessera: Unknown option: '--speeed'; did you mean --speed?" +
                System.lineSeparator() + "tessera: `bin/tessera simulate --help` lists the options" + System.lineSeparator());
        }
        // Known options (the launcher's too) are no misspelling: the missing one is still named.
        assertThat(console.run("--set", "gateway.port=1", "simulate", "--speed", "3"))
            .isEqualTo(TesseraMain.EXIT_BAD_CONFIG);
        assertThat(console.err()).startsWith("tessera: Missing required parameter: 'INPUT'");
    }

    /** QA 95: verify-replay took the positional journal and silently ignored --journal naming another. */
    @Test
    void shouldRefuseTwoJournalsGivenToVerifyReplay()
    {
        assertThat(console.run("verify-replay", "sim/a/journal", "--journal", "data/journal"))
            .isEqualTo(TesseraMain.EXIT_BAD_CONFIG);
        assertThat(console.err()).startsWith("tessera: JOURNAL sim/a/journal and --journal data/journal name two " +
            "journals: give one");
        // QA 98: one journal named two ways is one journal.
        console.run("verify-replay", "no-such/journal", "--journal", Path.of("no-such/journal/").toAbsolutePath() + "/");
        assertThat(console.err()).doesNotContain("name two journals").contains("no journal at");
    }

    @Test
    void shouldNameTheOptionOnceWhenASetHasNoValue()
    {
        for (final String[] args : new String[][] {{"--set", "nokey", "config"}, {"config", "--set", "nokey"}})
        {
            assertThat(console.run(args)).isEqualTo(TesseraMain.EXIT_BAD_CONFIG);
            assertThat(console.err()).startsWith("tessera: Value for option '--set' (KEY=VALUE) should be in KEY=VALUE format " +
                "but was nokey").doesNotContain("option option");
        }
    }

    @Test
    void shouldRefuseDemoOrRepairGivenBeforeASubcommandRatherThanIgnoreThem()
    {
        final Path journal = directory.resolve("journal");
        JournalFixture.scripted(journal);

        assertThat(console.run("--demo", "--set", "journal.directory=" + journal, "journal", "verify"))
            .isEqualTo(TesseraMain.EXIT_BAD_CONFIG);
        assertThat(console.err()).contains("--demo runs the scripted demo instead of the exchange and takes no " +
            "subcommand: run `tessera --demo` on its own, not with journal");
        assertThat(console.out()).as("verify did not run").doesNotContain("journal OK");

        assertThat(console.run("--repair", "journal", "verify", "--journal", journal.toString()))
            .isEqualTo(TesseraMain.EXIT_BAD_CONFIG);
        assertThat(console.err()).contains("--repair repairs the journal as the exchange starts and takes no subcommand " +
            "(not journal)", "`tessera journal repair` only repairs");
        assertThat(console.out()).doesNotContain("journal OK");

        assertThat(console.run("--repair", "config")).isEqualTo(TesseraMain.EXIT_BAD_CONFIG);
        assertThat(console.err()).contains("(not config)");
        assertThat(console.out()).doesNotContain("configuration OK");

        assertThat(console.run("journal", "verify", "--repair")).as("after it: picocli's unknown option")
            .isEqualTo(TesseraMain.EXIT_BAD_CONFIG);
        assertThat(console.err()).contains("Unknown option: '--repair'");
    }

    /** README: "The subcommands list their own [exit statuses] under --help": every one, nested ones too. */
    @Test
    void shouldListTheExitStatusesUnderTheHelpOfEveryCommandThatRunsSomething()
    {
        final List<String> commands = new ArrayList<>();
        collectRunnable(TesseraMain.commandLine(), new ArrayList<>(), commands);
        assertThat(commands).contains("journal", "journal dump", "journal stats", "journal archive", "journal repair", "book",
            "project", "project trades", "project candles", "project orders", "verify-replay", "simulate", "config");

        for (final String command : commands)
        {
            final List<String> args = new ArrayList<>(List.of(command.split(" ")));
            args.add("--help");
            assertThat(console.run(args.toArray(String[]::new))).as(command).isEqualTo(TesseraMain.EXIT_OK);
            assertThat(console.out().replaceAll("\\s+", " ")).as(command)
                .containsPattern("Exit status: .*" + TesseraMain.EXIT_BAD_CONFIG + " bad ");
        }
    }

    private static void collectRunnable(final CommandLine command, final List<String> path, final List<String> into)
    {
        command.getSubcommands().forEach((name, sub) ->
        {
            if ("help".equals(name))
            {
                return;
            }
            final List<String> named = new ArrayList<>(path);
            named.add(name);
            into.add(String.join(" ", named));
            collectRunnable(sub, named, into);
        });
    }
}
