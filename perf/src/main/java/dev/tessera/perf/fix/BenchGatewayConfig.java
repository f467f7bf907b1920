package dev.tessera.perf.fix;

import dev.tessera.config.DemoOwners;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The configuration a benchmark gateway runs with: one instrument (AAPL as in the embedded defaults),
 * {@code sessions} sessions LOAD001, LOAD002, ... with a throttle far above any rate the benchmark
 * sends, port 0, no day end (nothing expires mid-run), and every directory (journal, snapshots, archive,
 * session state) under one private directory that the run deletes afterwards.
 */
public final class BenchGatewayConfig
{
    public static final String SYMBOL = "AAPL";
    public static final int PRICE_DECIMALS = 2;
    public static final long REFERENCE_PRICE_TICKS = 19_000;
    public static final String TARGET_COMP_ID = "TESSERA";
    private static final long THROTTLE_MESSAGES_PER_SECOND = 100_000_000L;

    private BenchGatewayConfig()
    {
    }

    public static List<LoadGenerator.SessionLogin> logins(final int sessions)
    {
        final List<LoadGenerator.SessionLogin> logins = new ArrayList<>();
        for (int i = 1; i <= sessions; i++)
        {
            logins.add(new LoadGenerator.SessionLogin(String.format("LOAD%03d", i), "load-secret-" + i));
        }
        return logins;
    }

    /** The HOCON text; {@code waitStrategy} and {@code durability} are the config's values (e.g. blocking, process). */
    public static String hocon(final int sessions, final Path dataDirectory, final String waitStrategy, final String durability)
    {
        final StringBuilder text = new StringBuilder();
        text.append("# Written by the FIX gateway benchmark (dev.tessera.perf.fix.BenchGatewayConfig).\n");
        text.append("instruments = [\n  { symbol = \"").append(SYMBOL)
            .append("\", id = 1, tickSize = 0.01, referencePrice = 190.00, priceBandBps = 1000 }\n]\n");
        text.append("journal {\n");
        text.append("  directory = ").append(quoted(dataDirectory.resolve("journal"))).append('\n');
        text.append("  snapshotDirectory = ").append(quoted(dataDirectory.resolve("snapshots"))).append('\n');
        text.append("  archiveDirectory = ").append(quoted(dataDirectory.resolve("archive"))).append('\n');
        text.append("  durability = ").append(durability).append('\n');
        text.append("}\n");
        text.append("pipeline.waitStrategy = ").append(waitStrategy).append('\n');
        // A run that crosses the day end must not have its resting DAY orders expired under it.
        text.append("trading.dayEnd = none\n");
        text.append("gateway {\n  host = \"127.0.0.1\"\n  port = 0\n  compId = \"").append(TARGET_COMP_ID).append("\"\n");
        text.append("  stateDirectory = ").append(quoted(dataDirectory.resolve("sessions"))).append('\n');
        text.append("  sessions = [\n");
        final List<LoadGenerator.SessionLogin> logins = logins(sessions);
        for (int i = 0; i < logins.size(); i++)
        {
            // Past 900 sessions, the demo's two owners are skipped: no session may have one.
            final long ownerId = i + 1 < DemoOwners.MAKER ? i + 1 : i + 3;
            text.append("    { compId = \"").append(logins.get(i).compId()).append("\", ownerId = ").append(ownerId)
                .append(", password = \"").append(logins.get(i).password()).append("\", throttleMessagesPerSecond = ")
                .append(THROTTLE_MESSAGES_PER_SECOND).append(" }\n");
        }
        text.append("  ]\n}\n");
        return text.toString();
    }

    /** Writes the configuration to {@code dataDirectory/gateway.conf} and returns that path. */
    public static Path write(final int sessions, final Path dataDirectory, final String waitStrategy, final String durability)
    {
        final Path file = dataDirectory.resolve("gateway.conf");
        try
        {
            Files.createDirectories(dataDirectory);
            Files.writeString(file, hocon(sessions, dataDirectory, waitStrategy, durability));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write " + file, ex);
        }
        return file;
    }

    private static String quoted(final Path path)
    {
        return "\"" + path.toAbsolutePath().toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
