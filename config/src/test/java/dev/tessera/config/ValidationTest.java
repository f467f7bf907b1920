package dev.tessera.config;

import static dev.tessera.config.ExchangeConfigLoaderTest.problems;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ValidationTest
{
    private static final String VALID = "symbol = \"OK\", id = 1, tickSize = 0.01, referencePrice = 100";

    @TempDir
    Path dir;

    /** Problems of a config whose only instrument is {@code VALID} changed by {@code fields}. */
    private static List<String> instrumentProblems(final String fields)
    {
        return problems(null, Map.of("instruments", "[{ " + VALID + ", " + fields + " }]"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "symbol = \"\"               | instruments[0].symbol must not be empty (override instruments: 1)",
        "symbol = \"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456\" | instruments[0].symbol must be 1 to 32 printable ASCII characters, not starting or ending with a space, got \"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456\" (override instruments: 1)",
        "symbol = \"A\\u0001B\"          | instruments[0].symbol must be 1 to 32 printable ASCII characters, not starting or ending with a space, got \"A\u0001B\" (override instruments: 1)",
        "symbol = \" AAPL\"           | instruments[0].symbol must be 1 to 32 printable ASCII characters, not starting or ending with a space, got \" AAPL\" (override instruments: 1)",
        "symbol = \"AÄPL\"            | instruments[0].symbol must be 1 to 32 printable ASCII characters, not starting or ending with a space, got \"AÄPL\" (override instruments: 1)",
        "id = 0                      | instruments[0].id must be > 0, got 0 (override instruments: 1)",
        "priceScale = 10             | instruments[0].priceScale must be between 0 and 9, got 10 (override instruments: 1)",
        "priceScale = -1             | instruments[0].priceScale must be between 0 and 9, got -1 (override instruments: 1)",
        "tickSize = -1               | instruments[0].tickSize must be > 0, got -1 (override instruments: 1)",
        "tickSize = 0                | instruments[0].tickSize must be > 0, got 0 (override instruments: 1)",
        "lotSize = 0                 | instruments[0].lotSize must be > 0, got 0 (override instruments: 1)",
        "minQuantity = 0             | instruments[0].minQuantity must be > 0, got 0 (override instruments: 1)",
        "lotSize = 10, minQuantity = 15, maxQuantity = 100 | instruments[0].minQuantity must be a multiple of lotSize 10, got 15 (override instruments: 1)",
        "lotSize = 10, minQuantity = 10, maxQuantity = 105 | instruments[0].maxQuantity must be a multiple of lotSize 10, got 105 (override instruments: 1)",
        "minQuantity = 10, maxQuantity = 5 | instruments[0].maxQuantity must be >= minQuantity 10, got 5 (override instruments: 1)",
        "referencePrice = -5.5       | instruments[0].referencePrice must be > 0, got -5.5 (override instruments: 1)",
        "tickSize = 0.05, referencePrice = 100.03 | instruments[0].referencePrice must be a multiple of tickSize 0.05, got 100.03 (override instruments: 1)",
        "priceScale = 2, referencePrice = 190.005 | instruments[0].referencePrice 190.005 has more decimals than priceScale 2 allows (override instruments: 1)",
        "priceScale = 1              | instruments[0].tickSize 0.01 has more decimals than priceScale 1 allows (override instruments: 1)",
        "referencePrice = 1e30       | instruments[0].referencePrice 1e30 is out of range for priceScale 4 (override instruments: 1)",
        "priceBandBps = -1           | instruments[0].priceBandBps must be between 0 and 10000, got -1 (override instruments: 1)",
        "priceBandBps = 99999999999  | instruments[0].priceBandBps must be between 0 and 10000, got 99999999999 (override instruments: 1)",
        "priceScale = 10000000000    | instruments[0].priceScale must be between 0 and 9, got 10000000000 (override instruments: 1)",
        "priceBandBps = 10001        | instruments[0].priceBandBps must be between 0 and 10000, got 10001 (override instruments: 1)",
        "priceScale = 8, tickSize = 0.00000001, priceBandBps = 1000, maxQuantity = 1000000000 | instruments[0].maxQuantity 1000000000 at the band's highest price 110 makes a notional beyond 64 bits (AvgPx sums price x quantity): lower maxQuantity, referencePrice or priceBandBps (override instruments: 1)",
        "priceScale = 0, tickSize = 1, referencePrice = 9000000000000000000, priceBandBps = 5000 | instruments[0].maxQuantity 1000000 at the band's highest price (beyond 64 bits) makes a notional beyond 64 bits (AvgPx sums price x quantity): lower maxQuantity, referencePrice or priceBandBps",
        "priceScale = 2, tickSize = 0.07, referencePrice = 0.07, priceBandBps = 0, maxQuantity = 9223372036854775807 | instruments[0].maxQuantity 9223372036854775807 at the lowest price on the tick, 0.07, makes a notional beyond 64 bits (AvgPx sums price x quantity), so no order could be placed: lower maxQuantity (override instruments: 1)",
        "selfTradePrevention = cancel | instruments[0].selfTradePrevention must be one of none, cancel-resting, cancel-incoming, cancel-both, got \"cancel\" (override instruments: 1)",
    })
    void shouldReportEachInstrumentRule(final String fields, final String expected)
    {
        assertThat(instrumentProblems(fields)).containsExactly(expected);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "gateway.port                     | 70000  | gateway.port must be between 0 and 65535, got 70000 (override gateway.port)",
        "gateway.port                     | -1     | gateway.port must be between 0 and 65535, got -1 (override gateway.port)",
        "gateway.host                     | ''     | gateway.host must not be empty (override gateway.host)",
        "gateway.compId                   | ' '    | gateway.compId must not be empty (override gateway.compId)",
        "gateway.maxHeartbeatIntervalSeconds | 0      | gateway.maxHeartbeatIntervalSeconds must be between 1 and 86400, got 0 (override gateway.maxHeartbeatIntervalSeconds)",
        "gateway.maxHeartbeatIntervalSeconds | 86401  | gateway.maxHeartbeatIntervalSeconds must be between 1 and 86400, got 86401 (override gateway.maxHeartbeatIntervalSeconds)",
        "gateway.heartbeatIntervalSeconds | 30     | gateway.heartbeatIntervalSeconds is no longer a setting: it was never used, as each session takes the HeartBtInt(108) its client's Logon asks for; gateway.maxHeartbeatIntervalSeconds bounds that (default 300) (override gateway.heartbeatIntervalSeconds)",
        "gateway.maxMessageBytes          | 255    | gateway.maxMessageBytes must be >= 256, got 255 (override gateway.maxMessageBytes)",
        "gateway.maxOutboundBytes         | 32767  | gateway.maxOutboundBytes must be >= 4 * maxMessageBytes (32768), got 32767 (override gateway.maxOutboundBytes)",
        "gateway.doneOrders               | -1     | gateway.doneOrders must be between 0 and 10000000, got -1 (override gateway.doneOrders)",
        "gateway.doneOrders               | 10000001 | gateway.doneOrders must be between 0 and 10000000, got 10000001 (override gateway.doneOrders)",
        "gateway.doneOrders               | 99999999999 | gateway.doneOrders must be between 0 and 10000000, got \"99999999999\" (override gateway.doneOrders)",
        "gateway.port                     | -99999999999 | gateway.port must be between 0 and 65535, got \"-99999999999\" (override gateway.port)",
        "gateway.maxMarketDataSubscriptions | 2147483648 | gateway.maxMarketDataSubscriptions must be between 0 and 10000, got \"2147483648\" (override gateway.maxMarketDataSubscriptions)",
        "pipeline.ringSize                | 4294967296 | pipeline.ringSize must be between 2 and 1073741824, got \"4294967296\" (override pipeline.ringSize)",
        "gateway.maxMarketDataSubscriptions | -1   | gateway.maxMarketDataSubscriptions must be between 0 and 10000, got -1 (override gateway.maxMarketDataSubscriptions)",
        "gateway.maxMarketDataSubscriptions | 10001 | gateway.maxMarketDataSubscriptions must be between 0 and 10000, got 10001 (override gateway.maxMarketDataSubscriptions)",
        "pipeline.ringSize                | 1000   | pipeline.ringSize must be a power of two, got 1000 (override pipeline.ringSize)",
        "pipeline.ringSize                | 0      | pipeline.ringSize must be a power of two, got 0 (override pipeline.ringSize)",
        "pipeline.ringSize                | 1      | pipeline.ringSize must be between 2 and 1073741824, got 1 (override pipeline.ringSize)",
        "pipeline.ringSize                | 2147483647 | pipeline.ringSize must be a power of two, got 2147483647 (override pipeline.ringSize)",
        "pipeline.waitStrategy            | spin   | pipeline.waitStrategy must be one of blocking, sleeping, yielding, busy-spin, got \"spin\" (override pipeline.waitStrategy)",
        "journal.rollCycle                | DAILYX | journal.rollCycle must be one of FAST_DAILY, FAST_HOURLY, FIVE_MINUTELY, TEN_MINUTELY, TWENTY_MINUTELY, HALF_HOURLY, TWO_HOURLY, FOUR_HOURLY, SIX_HOURLY, WEEKLY, got \"DAILYX\" (override journal.rollCycle)",
        "journal.durability               | disk   | journal.durability must be one of process, sync, got \"disk\" (override journal.durability)",
        "journal.directory                | ''     | journal.directory must not be empty (override journal.directory)",
        "journal.snapshotDirectory        | ''     | journal.snapshotDirectory must not be empty (override journal.snapshotDirectory)",
        "journal.snapshotIntervalRecords  | 0      | journal.snapshotIntervalRecords must be > 0, got 0 (override journal.snapshotIntervalRecords)",
        "journal.snapshotIntervalRecords  | -5     | journal.snapshotIntervalRecords must be > 0, got -5 (override journal.snapshotIntervalRecords)",
        "journal.snapshotsToKeep          | 0      | journal.snapshotsToKeep must be >= 1, got 0 (override journal.snapshotsToKeep)",
        "journal.snapshotsToKeep          | few    | journal.snapshotsToKeep must be an integer, got \"few\" (override journal.snapshotsToKeep)",
        "journal.archiveDirectory         | ''     | journal.archiveDirectory must not be empty (override journal.archiveDirectory)",
        "journal.archiveDirectory         | data/./journal | journal.archiveDirectory must differ from journal.directory, got \"data/./journal\" (override journal.archiveDirectory)",
        "trading.dayEnd                   | 25:00  | trading.dayEnd must be a UTC time of day HH:mm or HH:mm:ss, or none, got \"25:00\" (override trading.dayEnd)",
        "trading.dayEnd                   | 9pm    | trading.dayEnd must be a UTC time of day HH:mm or HH:mm:ss, or none, got \"9pm\" (override trading.dayEnd)",
        "trading.dayEnd                   | 21:00:00.5 | trading.dayEnd must be a UTC time of day HH:mm or HH:mm:ss, or none, got \"21:00:00.5\" (override trading.dayEnd)",
        "trading.dayEnd                   | 9:00   | trading.dayEnd must be a UTC time of day HH:mm or HH:mm:ss, or none, got \"9:00\" (override trading.dayEnd)",
        "defaults.session.throttleMessagesPerSecond | 0 | gateway.sessions[1].throttleMessagesPerSecond must be > 0, got 0 (override defaults.session.throttleMessagesPerSecond)",
        "defaults.session.floodLogoutMultiple | -1 | gateway.sessions[1].floodLogoutMultiple must be >= 0 (0: never), got -1 (override defaults.session.floodLogoutMultiple)",
    })
    void shouldReportEachSectionRule(final String key, final String value, final String expected)
    {
        final List<String> problems = problems(null, Map.of(key, value));
        if (key.startsWith("defaults.session"))
        {
            // Both demo sessions inherit the bad default.
            assertThat(problems).contains(expected).hasSize(2);
        }
        else
        {
            assertThat(problems).containsExactly(expected);
        }
    }

    /**
     * QA 116: a snapshot, session state or archive directory that is the journal's, or inside it, was accepted; a
     * journal repair moves the journal's directory aside whole, and the snapshots (or every session's MsgSeqNums, or the
     * archived cycle files) with it. (The archive equal to the journal's is refused by the older rule, in its words.)
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "journal.snapshotDirectory | data/./journal | journal.snapshotDirectory \"data/./journal\" is journal.directory \"data/journal\": a journal repair moves that directory aside whole, and the snapshots with it; give each a directory of its own (override journal.snapshotDirectory)",
        "journal.snapshotDirectory | data/journal/snapshots | journal.snapshotDirectory \"data/journal/snapshots\" is inside journal.directory \"data/journal\": a journal repair moves that directory aside whole, and the snapshots with it; give each a directory of its own (override journal.snapshotDirectory)",
        "gateway.stateDirectory    | ./data/journal | gateway.stateDirectory \"./data/journal\" is journal.directory \"data/journal\": a journal repair moves that directory aside whole, and the session state (every session's MsgSeqNums) with it; give each a directory of its own (override gateway.stateDirectory)",
        "gateway.stateDirectory    | data/journal/s | gateway.stateDirectory \"data/journal/s\" is inside journal.directory \"data/journal\": a journal repair moves that directory aside whole, and the session state (every session's MsgSeqNums) with it; give each a directory of its own (override gateway.stateDirectory)",
        "journal.archiveDirectory  | data/journal/old | journal.archiveDirectory \"data/journal/old\" is inside journal.directory \"data/journal\": a journal repair moves that directory aside whole, and the archived cycle files with it; give each a directory of its own (override journal.archiveDirectory)",
        "journal.archiveDirectory  | data/journal/. | journal.archiveDirectory must differ from journal.directory, got \"data/journal/.\" (override journal.archiveDirectory)",
    })
    void shouldRefuseASnapshotOrSessionStateDirectoryInTheJournals(final String key, final String value,
        final String expected)
    {
        assertThat(problems(null, Map.of(key, value))).containsExactly(expected);
    }

    @Test
    void shouldNameWhereTheJournalDirectoryWasSetWhenAnotherDirectoryIsInsideIt() throws IOException
    {
        final Path file = write("journal.directory = data\n");

        assertThat(problems(file, Map.of())).containsExactly(
            "journal.snapshotDirectory \"data/snapshots\" is inside journal.directory \"data\" (" + file + ": 1): a " +
                "journal repair moves that directory aside whole, and the snapshots with it; give each a directory of " +
                "its own",
            "gateway.stateDirectory \"data/sessions\" is inside journal.directory \"data\" (" + file + ": 1): a " +
                "journal repair moves that directory aside whole, and the session state (every session's MsgSeqNums) " +
                "with it; give each a directory of its own",
            "journal.archiveDirectory \"data/archive\" is inside journal.directory \"data\" (" + file + ": 1): a " +
                "journal repair moves that directory aside whole, and the archived cycle files with it; give each a " +
                "directory of its own");
    }

    /** QA 124 N2: the paths were compared as written, so a symbolic link to the journal's directory got past. */
    @Test
    void shouldRefuseADirectoryInsideTheJournalsThroughASymbolicLink() throws IOException
    {
        final Path journal = Files.createDirectories(dir.resolve("real/j"));
        final Path link = Files.createSymbolicLink(dir.resolve("linkj"), journal);
        final Map<String, String> settings = Map.of("journal.directory", journal.toString(),
            "journal.snapshotDirectory", link.resolve("snaps").toString(),
            "gateway.stateDirectory", dir.resolve("linkreal").toString() + "/j/sess");
        Files.createSymbolicLink(dir.resolve("linkreal"), dir.resolve("real"));

        assertThat(problems(null, Map.of("journal.directory", journal.toString(),
            "journal.archiveDirectory", link.toString()))).containsExactly(
            "journal.archiveDirectory must differ from journal.directory, got \"" + link + "\" (override " +
                "journal.archiveDirectory)");
        assertThat(problems(null, settings)).containsExactlyInAnyOrder(
            "journal.snapshotDirectory \"" + link.resolve("snaps") + "\" is inside journal.directory \"" + journal +
                "\" (override journal.directory): a journal repair moves that directory aside whole, and the snapshots with it; give each a " +
                "directory of its own (override journal.snapshotDirectory)",
            "gateway.stateDirectory \"" + dir.resolve("linkreal") + "/j/sess\" is inside journal.directory \"" +
                journal + "\" (override journal.directory): a journal repair moves that directory aside whole, and the session state (every " +
                "session's MsgSeqNums) with it; give each a directory of its own (override gateway.stateDirectory)");
    }

    @Test
    void shouldAcceptAJournalInsideTheSnapshotOrSessionStateDirectory()
    {
        // Nothing moves those directories whole: each only reads and writes its own files in them.
        assertThat(ExchangeConfigLoader.load(null, Map.of("journal.snapshotDirectory", "data",
            "gateway.stateDirectory", "data")).journal().directory()).isEqualTo(Path.of("data/journal"));
    }

    @Test
    void shouldAcceptADayEndWithOrWithoutSecondsAndNone()
    {
        assertThat(ExchangeConfigLoader.load(null, Map.of("trading.dayEnd", "22:30")).trading())
            .isEqualTo(TradingConfig.dayEndAt(LocalTime.of(22, 30)));
        assertThat(ExchangeConfigLoader.load(null, Map.of("trading.dayEnd", "00:00:01")).trading())
            .isEqualTo(TradingConfig.dayEndAt(LocalTime.of(0, 0, 1)));
        assertThat(ExchangeConfigLoader.load(null, Map.of("trading.dayEnd", "None")).trading())
            .isEqualTo(TradingConfig.NO_DAY_END);
        assertThat(problems(null, Map.of("trading.dayEnds", "21:00")))
            .singleElement().asString().startsWith("trading.dayEnds is not a known key");
    }

    @Test
    void shouldAcceptPortZeroAndEveryWaitStrategySpelling()
    {
        assertThat(ExchangeConfigLoader.load(null, Map.of("gateway.port", "0")).gateway().port()).isZero();
        for (final String spelling : List.of("busy-spin", "BUSY_SPIN", "Busy-Spin", "busy_spin"))
        {
            assertThat(ExchangeConfigLoader.load(null, Map.of("pipeline.waitStrategy", spelling)).pipeline().waitStrategy())
                .isEqualTo(WaitStrategy.BUSY_SPIN);
        }
        assertThat(ExchangeConfigLoader.load(null, Map.of("defaults.instrument.selfTradePrevention", "CANCEL_RESTING"))
            .instruments().get(0).selfTradePrevention()).isEqualTo(SelfTradePrevention.CANCEL_RESTING);
    }

    @Test
    void shouldRejectInstrumentsThatAreEmptyNamingWhereTheListWasSet() throws IOException
    {
        assertThat(problems(null, Map.of("instruments", "[]")))
            .containsExactly("instruments must not be empty (override instruments: 1)");
        final Path file = write("gateway.port = 9921\ninstruments = []\n");
        assertThat(problems(file, Map.of())).containsExactly("instruments must not be empty (" + file + ": 2)");
    }

    @Test
    void shouldRejectAnEmptyListOfSessionsNamingWhereItWasSet() throws IOException
    {
        final Path file = write("gateway.port = 9921\ngateway.sessions = []\n");

        assertThat(problems(file, Map.of())).containsExactly(
            "gateway.sessions must not be empty: with no session no client can log on (" + file + ": 2)");
    }

    /** Each as written in HOCON: {@code \\u0001} is an SOH, {@code \\\\} one backslash. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"A B", "A|B\\u0001", "A/B", "A\\\\B", "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456"})
    void shouldRejectACompIdThatCannotGoIntoAFixFieldOrAFileName(final String written) throws IOException
    {
        final Path file = write("gateway.compId = \"" + written + "\"\n" +
            "gateway.sessions = [ { compId = \"" + written + "1\", ownerId = 1 } ]\n");
        final String compId = written.replace("\\u0001", "\u0001").replace("\\\\", "\\");
        final String rule = " must be 1 to 32 printable ASCII characters, without spaces, / or \\ (it goes into " +
            "every FIX message as it is, and a session's names its files), got ";

        assertThat(problems(file, Map.of())).containsExactly(
            "gateway.sessions[0].compId" + rule + Rules.quote(compId + "1") + " (" + file + ": 2)",
            "gateway.compId" + rule + Rules.quote(compId) + " (" + file + ": 1)");
    }

    @Test
    void shouldAcceptPrintableCompIdsOfUpTo32Characters()
    {
        final ExchangeConfig config = ExchangeConfigLoader.load(null, Map.of("gateway.compId", "EXCH-1.a_b:c+d@e#",
            "gateway.sessions", "[ { compId = \"ABCDEFGHIJKLMNOPQRSTUVWXYZ012345\", ownerId = 1 } ]"));

        assertThat(config.gateway().compId()).isEqualTo("EXCH-1.a_b:c+d@e#");
        assertThat(config.gateway().sessions().get(0).compId()).isEqualTo("ABCDEFGHIJKLMNOPQRSTUVWXYZ012345");
    }

    @Test
    void shouldSayWhereGatewayCompIdWasSetWhenAnEmbeddedSessionHasIt() throws IOException
    {
        final Path file = write("gateway.port = 9921\ngateway.compId = CLIENT1\n");

        assertThat(problems(file, Map.of())).containsExactly("gateway.sessions[0].compId \"CLIENT1\" must differ from " +
            "gateway.compId (" + file + ": 2), which is the exchange's own CompID");
    }

    @Test
    void shouldReportDuplicateIdsAndSymbolsWithEveryPlace()
    {
        final List<String> problems = problems(null, Map.of("instruments", """
                [ { symbol = "A", id = 1, tickSize = 1, referencePrice = 1 },
                  { symbol = "B", id = 1, tickSize = 1, referencePrice = 1 },
                  { symbol = "A", id = 2, tickSize = 1, referencePrice = 1 },
                  { symbol = "A", id = 3, tickSize = 1, referencePrice = 1 } ]"""));

        assertThat(problems).containsExactly(
            "instruments[1].id 1 is used twice (instruments[0], instruments[1]) (override instruments: 2)",
            "instruments[3].symbol \"A\" is used 3 times (instruments[0], instruments[2], instruments[3]) (override instruments: 4)");
    }

    @Test
    void shouldReportSessionRules()
    {
        final List<String> problems = problems(null, Map.of("gateway.sessions", """
                [ { compId = "A", ownerId = 0 },
                  { compId = "", ownerId = 5 },
                  { compId = "TESSERA", ownerId = 5 },
                  { compId = "A", ownerId = 6, throttleMessagesPerSecond = -3 } ]"""));

        assertThat(problems).containsExactly(
            "gateway.sessions[0].ownerId must be > 0, got 0 (override gateway.sessions: 1)",
            "gateway.sessions[1].compId must not be empty (override gateway.sessions: 2)",
            "gateway.sessions[3].throttleMessagesPerSecond must be > 0, got -3 (override gateway.sessions: 4)",
            "gateway.sessions[2].compId \"TESSERA\" must differ from gateway.compId, which is the exchange's own CompID " +
                "(override gateway.sessions: 3)",
            "gateway.sessions[3].compId \"A\" is used twice (gateway.sessions[0], gateway.sessions[3]) " +
                "(override gateway.sessions: 4)",
            "gateway.sessions[2].ownerId 5 is used twice (gateway.sessions[1], gateway.sessions[2]) " +
                "(override gateway.sessions: 3)");
    }

    /**
     * QA 132 N1: the multiple of its throttle at which a flooding session is logged out, by session or by default; 0
     * turns it off, a negative one means nothing, and the messages it makes stay far inside a long.
     */
    @Test
    void shouldTakeTheFloodLogoutMultipleOfEachSessionAndRefuseANegativeOne()
    {
        final List<String> problems = problems(null, Map.of("gateway.sessions", """
                [ { compId = "A", ownerId = 5, floodLogoutMultiple = -1 },
                  { compId = "B", ownerId = 6, floodLogoutMultiple = few },
                  { compId = "C", ownerId = 7, floodLogoutMultiple = 2147483648 } ]"""));

        assertThat(problems).containsExactly(
            "gateway.sessions[0].floodLogoutMultiple must be >= 0 (0: never), got -1 (override gateway.sessions: 1)",
            "gateway.sessions[1].floodLogoutMultiple must be an integer, got \"few\" (override gateway.sessions: 2)",
            "gateway.sessions[2].floodLogoutMultiple must be between 0 and 2147483647, got 2147483648 " +
                "(override gateway.sessions: 3)");

        final List<SessionConfig> sessions = ExchangeConfigLoader.load(null, Map.of(
            "defaults.session.floodLogoutMultiple", "20",
            "gateway.sessions", """
                [ { compId = "A", ownerId = 5, floodLogoutMultiple = 0 },
                  { compId = "B", ownerId = 6, throttleMessagesPerSecond = 2147483647, floodLogoutMultiple = 2147483647 },
                  { compId = "C", ownerId = 7, throttleMessagesPerSecond = 50 } ]""")).gateway().sessions();
        assertThat(sessions).extracting(SessionConfig::floodLogoutMultiple).containsExactly(0, Integer.MAX_VALUE, 20);
        assertThat(sessions).extracting(SessionConfig::floodLogoutMessages)
            .containsExactly(0L, (long)Integer.MAX_VALUE * Integer.MAX_VALUE, 1_000L);
    }

    /** QA 105: start-up lets the demo's orders rest with no session, so a session's under its owners would too. */
    @Test
    void shouldRefuseTheDemosOwnersForASession()
    {
        final List<String> problems = problems(null, Map.of("gateway.sessions", """
                [ { compId = "A", ownerId = 901 },
                  { compId = "B", ownerId = 902 },
                  { compId = "C", ownerId = 903 } ]"""));

        assertThat(problems).containsExactly(
            "gateway.sessions[0].ownerId 901 is an owner of bin/tessera --demo's orders (901 and 902), which no " +
                "session has: choose another (override gateway.sessions: 1)",
            "gateway.sessions[1].ownerId 902 is an owner of bin/tessera --demo's orders (901 and 902), which no " +
                "session has: choose another (override gateway.sessions: 2)");
    }

    @Test
    void shouldReportEveryProblemAtOnce() throws IOException
    {
        final Path file = write("""
                instruments = [
                  { symbol = "A", id = 1, tickSize = 0.01, referencePrice = 190.00 }
                  { symbol = "B", id = 2, tickSize = 0.01, referencePrice = 1 }
                  { symbol = "C", id = 3, tickSize = -1, referencePrice = 1 }
                ]
                gateway.port = 70000
                pipeline { ringSize = 1000, waitStrategy = spin }
                """);

        assertThatThrownBy(() -> ExchangeConfigLoader.load(file, Map.of()))
            .isInstanceOfSatisfying(ConfigValidationException.class, e -> assertThat(e.problems()).containsExactly(
                "instruments[2].tickSize must be > 0, got -1 (" + file + ": 4)",
                "gateway.port must be between 0 and 65535, got 70000 (" + file + ": 6)",
                "pipeline.waitStrategy must be one of blocking, sleeping, yielding, busy-spin, got \"spin\" (" + file + ": 7)",
                "pipeline.ringSize must be a power of two, got 1000 (" + file + ": 7)"))
            .hasMessage("""
                        Invalid configuration, 4 problems:
                          instruments[2].tickSize must be > 0, got -1 (%1$s: 4)
                          gateway.port must be between 0 and 65535, got 70000 (%1$s: 6)
                          pipeline.waitStrategy must be one of blocking, sleeping, yielding, busy-spin, got "spin" (%1$s: 7)
                          pipeline.ringSize must be a power of two, got 1000 (%1$s: 7)""".formatted(file));
    }

    @Test
    void shouldReportUnknownKeysWithTheirOrigin() throws IOException
    {
        final Path file = write("""
                instruments = [ { symbol = "A", id = 1, tickSzie = 0.01, tickSize = 0.01, referencePrice = 1 } ]
                gateway {
                  prot = 9999
                }
                tessera { gateway.port = 1 }
                defaults.instrument.id = 4
                """);

        assertThat(problems(file, Map.of())).containsExactly(
            "tessera is not a known key (" + file + ": 5)",
            "defaults.instrument.id cannot have a default, every instrument needs its own (" + file + ": 6)",
            "instruments[0].tickSzie is not a known key, did you mean tickSize? (" + file + ": 1)",
            "gateway.prot is not a known key, did you mean port? (" + file + ": 3)");
    }

    @Test
    void shouldNameTheOverrideThatBroughtAnUnknownKeyNotTheLibrarysPlumbing()
    {
        assertThat(problems(null, Map.of("nosuch.key", "1")))
            .containsExactly("nosuch is not a known key (override nosuch.key)");
    }

    @Test
    void shouldReportWrongTypesWithPathValueAndOrigin() throws IOException
    {
        final Path file = write("""
                gateway {
                  port = "abc"
                  cancelOnDisconnect = maybe
                  host = [ "a", "b" ]
                }
                pipeline.ringSize = 1.5
                journal.durability = { a = 1 }
                instruments = [ { symbol = "A", id = 99999999999, tickSize = "x", referencePrice = 1 }, 7 ]
                """);

        assertThat(problems(file, Map.of())).containsExactly(
            "instruments[1] must be an object, got 7 (" + file + ": 8)",
            "instruments[0].id must be between -2147483648 and 2147483647, got 99999999999 (" + file + ": 8)",
            "instruments[0].tickSize must be a decimal number, got \"x\" (" + file + ": 8)",
            "journal.durability must be one of process, sync, got an object (" + file + ": 7)",
            "gateway.host must be a string, got a list (" + file + ": 4)",
            "gateway.port must be an integer, got \"abc\" (" + file + ": 2)",
            "gateway.cancelOnDisconnect must be true or false, got \"maybe\" (" + file + ": 3)",
            "pipeline.ringSize must be an integer, got 1.5 (" + file + ": 6)");
    }

    @Test
    void shouldReportMissingRequiredKeys()
    {
        assertThat(problems(null, Map.of("instruments", "[{ symbol = \"A\" }]"))).containsExactly(
            "instruments[0].id is missing (override instruments: 1)",
            "instruments[0].tickSize is missing (override instruments: 1)",
            "instruments[0].referencePrice is missing (override instruments: 1)");
    }

    @Test
    void shouldBlameTheDefaultsBlockOnceForABadDefault()
    {
        assertThat(problems(null, Map.of("defaults.instrument.lotSize", "lots"))).containsExactly(
            "defaults.instrument.lotSize must be an integer, got \"lots\" (override defaults.instrument.lotSize)");
    }

    @Test
    void shouldNotBlameDefaultsForAnElementsOwnValue()
    {
        assertThat(instrumentProblems("lotSize = many")).singleElement().asString()
            .startsWith("instruments[0].lotSize must be an integer, got \"many\"");
    }

    private Path write(final String content) throws IOException
    {
        return Files.writeString(dir.resolve("user.conf"), content);
    }
}
