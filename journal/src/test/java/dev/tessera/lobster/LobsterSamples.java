package dev.tessera.lobster;

import dev.tessera.config.InstrumentConfig;
import dev.tessera.config.SelfTradePrevention;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The public LOBSTER sample files (NASDAQ, 2012-06-21), found beside the repository in
 * {@code ../shared/data/lobster} (or where {@code -Dtessera.lobster.dir} says). A test that needs them
 * is skipped, saying where it looked, when they are not there.
 */
public final class LobsterSamples
{
    public static final String AAPL_MESSAGES = "AAPL_2012-06-21_34200000_57600000_message_10.csv";
    public static final String AAPL_BOOK = "AAPL_2012-06-21_34200000_57600000_orderbook_10.csv";
    public static final String AMZN_MESSAGES = "AMZN_2012-06-21_34200000_57600000_message_1.csv";
    public static final String AMZN_BOOK = "AMZN_2012-06-21_34200000_57600000_orderbook_1.csv";

    /** AAPL and AMZN as the samples need them: prices x 10^4 exactly, a cent tick, no band, no self-trade prevention. */
    public static final InstrumentConfig AAPL = new InstrumentConfig("AAPL", 1, 4, 100, 1, 1, 10_000_000, 5_850_000, 0,
        SelfTradePrevention.NONE);
    public static final InstrumentConfig AMZN = new InstrumentConfig("AMZN", 2, 4, 100, 1, 1, 10_000_000, 2_200_000, 0,
        SelfTradePrevention.NONE);

    private LobsterSamples()
    {
    }

    /** The sample directory, or the test is skipped. */
    public static Path directory()
    {
        final String configured = System.getProperty("tessera.lobster.dir");
        final Path directory = configured != null ? Path.of(configured) : repositoryRoot().resolveSibling("shared")
            .resolve("data").resolve("lobster");
        Assumptions.assumeTrue(Files.isRegularFile(directory.resolve(AAPL_MESSAGES)),
            "LOBSTER sample files not found in " + directory.toAbsolutePath() +
                " (set -Dtessera.lobster.dir=DIR to point at them): skipped");
        return directory;
    }

    public static Path file(final String name)
    {
        return directory().resolve(name);
    }

    /** The directory holding the Maven wrapper's .mvn, walking up from the working directory. */
    public static Path repositoryRoot()
    {
        final String root = System.getProperty("tessera.root");
        if (root != null && !root.isBlank())
        {
            return Path.of(root).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve(".mvn")))
        {
            dir = dir.getParent();
        }
        return dir != null ? dir : Path.of("").toAbsolutePath();
    }
}
