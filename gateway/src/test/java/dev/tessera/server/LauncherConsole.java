package dev.tessera.server;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the launcher's command line in-process, capturing what each run prints on stdout and stderr. */
final class LauncherConsole
{
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** Runs {@code tessera args...} and returns its exit code; {@link #out()} and {@link #err()} hold its output. */
    int run(final String... args)
    {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        final CommandLine commandLine = TesseraMain.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        return commandLine.execute(args);
    }

    String out()
    {
        return out.toString();
    }

    String err()
    {
        return err.toString();
    }
}
