package dev.tessera.server;

import dev.tessera.config.ExchangeConfig;
import dev.tessera.journal.Journal;
import dev.tessera.journal.tools.ProgressBar;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;

/** The options every journal tool shares: which journal, and whether to force a progress bar. */
final class JournalOptions
{
    @Option(names = {"-j", "--journal"}, paramLabel = "DIR",
        description = "The journal directory (default: the configuration's journal.directory).")
    Path directory;

    @Option(names = "--progress",
        description = "Show a progress bar on stderr even when it is not a terminal (it shows on a terminal for long runs).")
    boolean progress;

    Path directory(final ExchangeConfig config)
    {
        return directory != null ? directory : config.journal().directory();
    }

    ProgressBar progressBar(final PrintWriter err, final String label, final Journal journal)
    {
        return ProgressBar.create(err, label, journal.recordCount(), progress);
    }
}
