package dev.tessera.config;

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

class ExchangeConfigLoaderTest
{
    private static final String PORT_PROPERTY = "tessera.gateway.port";

    @TempDir
    Path dir;

    @Test
    void shouldLoadEmbeddedDefaults()
    {
        final ExchangeConfig config = ExchangeConfigLoader.defaults();

        assertThat(config.instruments()).extracting(InstrumentConfig::symbol).containsExactly("AAPL", "MSFT", "BTC-USD");
        assertThat(config.instrument("AAPL")).contains(new InstrumentConfig(
            "AAPL", 1, 4, 100, 1, 1, 1_000_000, 1_900_000, 1000, SelfTradePrevention.CANCEL_INCOMING));
        assertThat(config.instrument(3)).contains(new InstrumentConfig(
            "BTC-USD", 3, 2, 50, 1, 1, 1_000_000, 6_000_000, 2000, SelfTradePrevention.CANCEL_BOTH));
        assertThat(config.journal()).isEqualTo(new JournalConfig(Path.of("data/journal"), "FAST_DAILY", Durability.PROCESS));
        assertThat(config.journal().snapshotDirectory()).isEqualTo(Path.of("data/snapshots"));
        assertThat(config.journal().snapshotIntervalRecords()).isEqualTo(100_000);
        assertThat(config.journal().snapshotsToKeep()).isEqualTo(3);
        assertThat(config.journal().archiveDirectory()).isEqualTo(Path.of("data/archive"));
        assertThat(config.journal().prefault()).isEqualTo(Prefault.POPULATE);
        assertThat(config.pipeline()).isEqualTo(new PipelineConfig(65536, WaitStrategy.BLOCKING));
        assertThat(config.trading()).isEqualTo(TradingConfig.dayEndAt(LocalTime.of(21, 0)));
        final GatewayConfig gateway = config.gateway();
        assertThat(gateway.host()).isEqualTo("127.0.0.1");
        assertThat(gateway.port()).isEqualTo(9876);
        assertThat(gateway.compId()).isEqualTo("TESSERA");
        assertThat(gateway.maxHeartbeatIntervalSeconds()).isEqualTo(300);
        assertThat(gateway.maxMessageBytes()).isEqualTo(8192);
        assertThat(gateway.cancelOnDisconnect()).isTrue();
        assertThat(gateway.stateDirectory()).isEqualTo(Path.of("data/sessions"));
        assertThat(gateway.maxOutboundBytes()).isEqualTo(4 * 1024 * 1024);
        assertThat(gateway.doneOrders()).isEqualTo(100_000);
        assertThat(gateway.maxMarketDataSubscriptions()).isEqualTo(100);
        assertThat(gateway.sessions()).containsExactly(
            new SessionConfig("CLIENT1", 1, "", "client1-secret", 10_000),
            new SessionConfig("CLIENT2", 2, "", "client2-secret", 10_000));
        assertThat(gateway.sessions()).as("the short constructor's default is reference.conf's")
            .allSatisfy(session -> assertThat(session.floodLogoutMultiple())
                .isEqualTo(SessionConfig.DEFAULT_FLOOD_LOGOUT_MULTIPLE).isEqualTo(10));
    }

    @Test
    void shouldLetUserFileSetSnapshotAndArchiveKeys() throws IOException
    {
        final Path file = write("""
                journal {
                  snapshotDirectory = "/var/tessera/snapshots"
                  snapshotIntervalRecords = 5000
                  snapshotsToKeep = 1
                  archiveDirectory = "/mnt/cold/tessera"
                }
                """);

        final ExchangeConfig config = ExchangeConfigLoader.load(file, Map.of("journal.snapshotsToKeep", "2"));

        assertThat(config.journal()).isEqualTo(new JournalConfig(Path.of("data/journal"), "FAST_DAILY",
            Durability.PROCESS, Path.of("/var/tessera/snapshots"), 5000, 2, Path.of("/mnt/cold/tessera")));
    }

    @Test
    void shouldLetAnOverrideChooseHowTheJournalIsPrefaultedAndRejectAnythingElse()
    {
        assertThat(ExchangeConfigLoader.load(null, Map.of("journal.prefault", "off")).journal().prefault())
            .isEqualTo(Prefault.OFF);
        assertThat(ExchangeConfigLoader.load(null, Map.of("journal.prefault", "READ")).journal().prefault())
            .isEqualTo(Prefault.READ);
        assertThatThrownBy(() -> ExchangeConfigLoader.load(null, Map.of("journal.prefault", "true")))
            .isInstanceOf(ConfigValidationException.class)
            .hasMessageContaining("journal.prefault must be one of populate, read, off, got \"true\"");
    }

    @Test
    void shouldReadItsOwnReferenceConfNotTheFirstOnTheClasspath() throws IOException
    {
        try (var decoy = ExchangeConfigLoader.class.getClassLoader().getResourceAsStream("reference.conf"))
        {
            assertThat(new String(decoy.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                .as("precondition: the test decoy comes first").contains("someOtherLibrary");
        }

        assertThat(ExchangeConfigLoader.defaults().instruments()).hasSize(3);
    }

    @Test
    void shouldLoadTheSameAsDefaultsWithoutFileOrOverrides()
    {
        assertThat(ExchangeConfigLoader.load(null, Map.of())).isEqualTo(ExchangeConfigLoader.defaults());
    }

    @Test
    void shouldLetUserFileOverrideDefaults() throws IOException
    {
        final Path file = write("""
                gateway { port = 7001, cancelOnDisconnect = off }
                pipeline.waitStrategy = busy-spin
                journal { directory = "/var/tessera/journal", rollCycle = fast-hourly }
                journal.durability = SYNC
                instruments = [ { symbol = "EURUSD", id = 7, priceScale = 5, tickSize = 0.00001, referencePrice = 1.08345 } ]
                """);

        final ExchangeConfig config = ExchangeConfigLoader.load(file, Map.of());

        assertThat(config.gateway().port()).isEqualTo(7001);
        assertThat(config.gateway().cancelOnDisconnect()).isFalse();
        assertThat(config.gateway().host()).as("untouched keys keep their default").isEqualTo("127.0.0.1");
        assertThat(config.pipeline().waitStrategy()).isEqualTo(WaitStrategy.BUSY_SPIN);
        assertThat(config.journal()).isEqualTo(
            new JournalConfig(Path.of("/var/tessera/journal"), "FAST_HOURLY", Durability.SYNC));
        assertThat(config.instruments()).as("a list replaces the default list wholesale").containsExactly(
            new InstrumentConfig("EURUSD", 7, 5, 1, 1, 1, 1_000_000, 108_345, 0, SelfTradePrevention.CANCEL_INCOMING));
    }

    @Test
    void shouldApplyUserDefaultsToEveryListElement() throws IOException
    {
        final Path file = write("""
                defaults.instrument { priceScale = 2, lotSize = 100, minQuantity = 100, maxQuantity = 50000, selfTradePrevention = NONE }
                defaults.session.throttleMessagesPerSecond = 50
                instruments = [
                  { symbol = "A", id = 1, tickSize = 0.05, referencePrice = 10.10 }
                  { symbol = "B", id = 2, tickSize = 1, referencePrice = 20, lotSize = 10, minQuantity = 10 }
                ]
                gateway.sessions = [ { compId = "X", ownerId = 9, username = "x", throttleMessagesPerSecond = 5 }, { compId = "Y", ownerId = 10 } ]
                """);

        final ExchangeConfig config = ExchangeConfigLoader.load(file, Map.of());

        assertThat(config.instruments()).containsExactly(
            new InstrumentConfig("A", 1, 2, 5, 100, 100, 50_000, 1010, 0, SelfTradePrevention.NONE),
            new InstrumentConfig("B", 2, 2, 100, 10, 10, 50_000, 2000, 0, SelfTradePrevention.NONE));
        assertThat(config.gateway().sessions()).containsExactly(
            new SessionConfig("X", 9, "x", "", 5),
            new SessionConfig("Y", 10, "", "", 50));
    }

    @Test
    void shouldLetOverridesBeatTheUserFile() throws IOException
    {
        final Path file = write("gateway.port = 7001\ngateway.host = \"0.0.0.0\"\n");

        final ExchangeConfig config = ExchangeConfigLoader.load(file, Map.of("gateway.port", "9999"));

        assertThat(config.gateway().port()).isEqualTo(9999);
        assertThat(config.gateway().host()).isEqualTo("0.0.0.0");
    }

    @Test
    void shouldParseStructuredOverridesAsHocon()
    {
        final ExchangeConfig config = ExchangeConfigLoader.load(null, Map.of(
            "instruments", "[{ symbol = \"X\", id = 42, tickSize = 0.25, referencePrice = 10.75 }]",
            "gateway", "{ compId = EXCH, port = 0 }"));

        assertThat(config.instruments()).extracting(InstrumentConfig::id).containsExactly(42);
        assertThat(config.instrument("X").orElseThrow().referencePrice()).isEqualTo(107_500);
        assertThat(config.gateway().compId()).isEqualTo("EXCH");
        assertThat(config.gateway().port()).isZero();
        assertThat(config.gateway().maxHeartbeatIntervalSeconds()).as("object overrides merge").isEqualTo(300);
    }

    @Test
    void shouldTakePlainOverrideValuesLiterally()
    {
        final ExchangeConfig config = ExchangeConfigLoader.load(null, Map.of("journal.directory", "data//journal # not a comment"));

        assertThat(config.journal().directory().toString()).contains("journal # not a comment");
    }

    @Test
    void shouldReadSystemPropertiesBetweenOverridesAndFile() throws IOException
    {
        final Path file = write("gateway.port = 7001\n");
        final String previous = System.getProperty(PORT_PROPERTY);
        System.setProperty(PORT_PROPERTY, "9999");
        try
        {
            assertThat(ExchangeConfigLoader.load(file, Map.of()).gateway().port()).isEqualTo(9999);
            assertThat(ExchangeConfigLoader.load(file, Map.of("gateway.port", "1234")).gateway().port())
                .isEqualTo(1234);
            assertThat(ExchangeConfigLoader.defaults().gateway().port())
                .as("defaults() is the embedded file alone").isEqualTo(9876);
        }
        finally
        {
            restore(PORT_PROPERTY, previous);
        }
        assertThat(ExchangeConfigLoader.load(file, Map.of()).gateway().port()).isEqualTo(7001);
    }

    @Test
    void shouldNameTheSystemPropertyOfABadValue()
    {
        final String previous = System.getProperty(PORT_PROPERTY);
        System.setProperty(PORT_PROPERTY, "abc");
        try
        {
            assertThat(problems(null, Map.of())).containsExactly(
                "gateway.port must be an integer, got \"abc\" (system property tessera.gateway.port)");
        }
        finally
        {
            restore(PORT_PROPERTY, previous);
        }
    }

    @Test
    void shouldIgnoreSystemPropertiesWithoutThePrefix()
    {
        final String previous = System.getProperty("gateway.port");
        System.setProperty("gateway.port", "1");
        try
        {
            assertThat(ExchangeConfigLoader.load(null, Map.of()).gateway().port()).isEqualTo(9876);
        }
        finally
        {
            restore("gateway.port", previous);
        }
    }

    @Test
    void shouldNameTheMissingUserFile()
    {
        final Path missing = dir.resolve("nope.conf");

        assertThat(problems(missing, Map.of())).containsExactly("config file " + missing + " does not exist");
    }

    @Test
    void shouldReportSyntaxErrorsWithFileAndLine() throws IOException
    {
        final Path file = write("gateway {\n  port = 1\n  host = \n");

        assertThatThrownBy(() -> ExchangeConfigLoader.load(file, Map.of()))
            .isInstanceOf(ConfigValidationException.class)
            .hasMessageContaining("syntax error at " + file + ": ");
        final List<String> problems = problems(file, Map.of());
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0)).matches("syntax error at \\Q" + file + "\\E: [34]: .+");
    }

    @Test
    void shouldReportSyntaxErrorsInStructuredOverrides()
    {
        assertThat(problems(null, Map.of("instruments", "[{ symbol = ")))
            .singleElement().asString().startsWith("syntax error at override instruments: 1: ");
    }

    @Test
    void shouldReportAnInvalidOverrideKey()
    {
        assertThat(problems(null, Map.of("gateway..port", "1")))
            .singleElement().asString().startsWith("override gateway..port is not a valid key path");
    }

    @Test
    void shouldSayThatAKeyPathCannotReachIntoAList()
    {
        assertThat(problems(null, Map.of("instruments.0.tickSize", "-1")))
            .singleElement().asString()
            .isEqualTo("override instruments.0.tickSize: instruments is a list, and a key path cannot reach into one; " +
                "give the whole list (instruments=[{...}, ...]) or put it in a --config file, or name an instrument by " +
                "its symbol (instruments.AAPL.tickSize=0.01)");
        // As validation names an element: the form a user copies from an error.
        assertThat(problems(null, Map.of("instruments[0].tickSize", "-1")))
            .singleElement().asString()
            .isEqualTo("override instruments[0].tickSize: instruments is a list, and a key path cannot reach into one; " +
                "give the whole list (instruments=[{...}, ...]) or put it in a --config file, or name an instrument by " +
                "its symbol (instruments.AAPL.tickSize=0.01)");
    }

    /**
     * QA 95: the README's what-if without self-trade prevention set the default, and BTC-USD, which sets its own,
     * kept it. A key of one instrument, named by its symbol, reaches into the list as merged (the defaults' or a
     * file's), and is validated with the override named.
     */
    @Test
    void shouldSetAKeyOfOneInstrumentNamedByItsSymbol() throws IOException
    {
        final ExchangeConfig config = ExchangeConfigLoader.load(null, Map.of(
            "defaults.instrument.selfTradePrevention", "none", "instruments.BTC-USD.selfTradePrevention", "none"));
        assertThat(config.instruments()).extracting(InstrumentConfig::selfTradePrevention)
            .containsOnly(SelfTradePrevention.NONE);
        assertThat(ExchangeConfigLoader.load(null, Map.of("instruments.BTC-USD.selfTradePrevention", "none"))
            .instrument("AAPL").orElseThrow().selfTradePrevention()).as("the others keep theirs")
            .isEqualTo(ExchangeConfigLoader.defaults().instrument("AAPL").orElseThrow().selfTradePrevention());

        final Path file = write("instruments = [{ symbol = \"BRK.B\", id = 7, tickSize = 0.01, referencePrice = 400 }]\n");
        assertThat(ExchangeConfigLoader.load(file, Map.of("instruments.BRK.B.tickSize", "0.25"))
            .instrument("BRK.B").orElseThrow().tickSize()).as("in the file's list; a symbol may hold a dot")
            .isEqualTo(ExchangeConfigLoader.load(file, Map.of("instruments", "[{ symbol = \"BRK.B\", id = 7, " +
                "tickSize = 0.25, referencePrice = 400 }]")).instrument("BRK.B").orElseThrow().tickSize());

        assertThat(problems(null, Map.of("instruments.GOOG.tickSize", "0.01"))).singleElement().asString()
            .isEqualTo("override instruments.GOOG.tickSize: no instrument has the symbol GOOG (the instruments are " +
                "AAPL, MSFT, BTC-USD)");
        assertThat(problems(null, Map.of("instruments.AAPL.id", "9"))).singleElement().asString()
            .startsWith("override instruments.AAPL.id: an instrument's id is what names it");
        assertThat(problems(null, Map.of("instruments.AAPL.tickSize", "-1"))).singleElement().asString()
            .contains("tickSize", "override instruments.AAPL.tickSize");
    }

    /** QA 95: the library asks for "a close parentheses ')'" where an object's '}' is missing. */
    @Test
    void shouldAskForTheBraceThatClosesAnObject() throws IOException
    {
        final Path file = write("gateway {\n  port = 9950\n");

        assertThat(problems(file, Map.of())).singleElement().asString()
            .contains("expecting the '}' that closes an object here, not: end of file").doesNotContain("parenthes");
    }

    @Test
    void shouldReportUnresolvedSubstitutions() throws IOException
    {
        final Path file = write("gateway.host = ${nowhere.to.be.found}\n");

        assertThat(problems(file, Map.of())).singleElement().asString().contains("nowhere.to.be.found");
    }

    @Test
    void shouldResolveSubstitutionsAcrossLayers() throws IOException
    {
        final Path file = write("gateway.port = ${pipeline.ringSize}\n");

        assertThat(ExchangeConfigLoader.load(file, Map.of("pipeline.ringSize", "1024")).gateway().port()).isEqualTo(1024);
    }

    private Path write(final String content) throws IOException
    {
        return Files.writeString(dir.resolve("user.conf"), content);
    }

    static List<String> problems(final Path file, final Map<String, String> overrides)
    {
        try
        {
            ExchangeConfigLoader.load(file, overrides);
        }
        catch (final ConfigValidationException e)
        {
            return e.problems();
        }
        throw new AssertionError("expected the configuration to be rejected");
    }

    private static void restore(final String name, final String previous)
    {
        if (previous == null)
        {
            System.clearProperty(name);
        }
        else
        {
            System.setProperty(name, previous);
        }
    }
}
