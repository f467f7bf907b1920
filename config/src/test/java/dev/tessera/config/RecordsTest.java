package dev.tessera.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordsTest
{
    private static final InstrumentConfig AAPL =
        new InstrumentConfig("AAPL", 1, 4, 100, 1, 1, 1_000_000, 1_900_000, 1000, SelfTradePrevention.CANCEL_INCOMING);
    private static final InstrumentConfig MSFT =
        new InstrumentConfig("MSFT", 2, 4, 100, 1, 1, 1_000_000, 4_200_000, 1000, SelfTradePrevention.CANCEL_INCOMING);
    private static final SessionConfig CLIENT = new SessionConfig("CLIENT1", 1, "", "secret", 10_000);
    private static final JournalConfig JOURNAL = new JournalConfig(Path.of("j"), "FAST_DAILY", Durability.PROCESS);
    private static final PipelineConfig PIPELINE = new PipelineConfig(1024, WaitStrategy.YIELDING);

    @Test
    void shouldCopyListsSoLaterChangesDoNotLeakIn()
    {
        final List<InstrumentConfig> instruments = new ArrayList<>(List.of(AAPL));
        final List<SessionConfig> sessions = new ArrayList<>(List.of(CLIENT));
        final GatewayConfig gateway = new GatewayConfig("127.0.0.1", 0, "TESSERA", 30, 8192, true, sessions);
        final ExchangeConfig config = new ExchangeConfig(instruments, JOURNAL, gateway, PIPELINE, TradingConfig.NO_DAY_END);

        instruments.add(MSFT);
        sessions.clear();

        assertThat(config.instruments()).containsExactly(AAPL);
        assertThat(gateway.sessions()).containsExactly(CLIENT);
    }

    @Test
    void shouldReturnUnmodifiableLists()
    {
        final ExchangeConfig config = ExchangeConfigLoader.defaults();

        assertThatThrownBy(() -> config.instruments().add(AAPL)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> config.instruments().remove(0)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> config.gateway().sessions().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void shouldFindInstrumentsByIdAndSymbol()
    {
        final ExchangeConfig config = new ExchangeConfig(List.of(AAPL, MSFT), JOURNAL,
            new GatewayConfig("h", 1, "T", 1, 256, false, List.of()), PIPELINE, TradingConfig.NO_DAY_END);

        assertThat(config.instrument(2)).contains(MSFT);
        assertThat(config.instrument("AAPL")).contains(AAPL);
        assertThat(config.instrument(3)).isEmpty();
        assertThat(config.instrument("aapl")).as("symbols are exact").isEmpty();
    }

    @Test
    void shouldFindSessionsByCompId()
    {
        final GatewayConfig gateway = ExchangeConfigLoader.defaults().gateway();

        assertThat(gateway.session("CLIENT2")).map(SessionConfig::ownerId).contains(2L);
        assertThat(gateway.session("CLIENT3")).isEmpty();
    }

    @Test
    void shouldFormatAndParsePricesAtTheInstrumentsScale()
    {
        assertThat(AAPL.formatPrice(1_902_500)).isEqualTo("190.2500");
        assertThat(AAPL.parsePrice("190.25")).isEqualTo(1_902_500);
        assertThat(AAPL.parsePrice("-3")).isEqualTo(-30_000);
        assertThatThrownBy(() -> AAPL.parsePrice("190.00001"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("190.00001 has more decimals than priceScale 4 allows");
        assertThatThrownBy(() -> AAPL.parsePrice("1 90"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("\"1 90\" is not a decimal number");
    }

    @Test
    void shouldValidateRecordsBuiltInCode()
    {
        assertThatThrownBy(() -> new InstrumentConfig("", 0, 4, -100, 1, 1, 10, 1_000, 0, SelfTradePrevention.NONE))
            .isInstanceOfSatisfying(ConfigValidationException.class, e -> assertThat(e.problems()).containsExactly(
                "symbol must not be empty",
                "id must be > 0, got 0",
                "tickSize must be > 0, got -0.01"));
        assertThatThrownBy(() -> new ExchangeConfig(List.of(AAPL, AAPL), JOURNAL,
            new GatewayConfig("h", 1, "T", 1, 256, false, List.of()), PIPELINE, TradingConfig.NO_DAY_END))
            .isInstanceOfSatisfying(ConfigValidationException.class, e -> assertThat(e.problems()).containsExactly(
                "instruments[1].id 1 is used twice (instruments[0], instruments[1])",
                "instruments[1].symbol \"AAPL\" is used twice (instruments[0], instruments[1])"));
        assertThatThrownBy(() -> new GatewayConfig("h", 65_536, "T", 1, 256, false, List.of(CLIENT, CLIENT)))
            .hasMessageContaining("gateway.port must be between 0 and 65535, got 65536")
            .hasMessageContaining("gateway.sessions[1].compId \"CLIENT1\" is used twice");
        assertThatThrownBy(() -> new JournalConfig(Path.of("j"), "fast_daily", Durability.SYNC))
            .hasMessageContaining("journal.rollCycle must be one of FAST_DAILY");
        assertThatThrownBy(() -> new JournalConfig(Path.of("j"), "FAST_DAILY", Durability.SYNC, Path.of(""), 0, 0,
            Path.of("j")))
            .isInstanceOfSatisfying(ConfigValidationException.class, e -> assertThat(e.problems()).containsExactly(
                "journal.snapshotDirectory must not be empty",
                "journal.snapshotIntervalRecords must be > 0, got 0",
                "journal.snapshotsToKeep must be >= 1, got 0",
                "journal.archiveDirectory must differ from journal.directory, got \"j\""));
        assertThatThrownBy(() -> new PipelineConfig(3, WaitStrategy.BLOCKING))
            .hasMessageContaining("pipeline.ringSize must be a power of two, got 3");
        assertThatThrownBy(() -> new SessionConfig("C", -1, "", "", 0, -1))
            .isInstanceOfSatisfying(ConfigValidationException.class, e -> assertThat(e.problems()).containsExactly(
                "ownerId must be > 0, got -1",
                "throttleMessagesPerSecond must be > 0, got 0",
                "floodLogoutMultiple must be >= 0 (0: never), got -1"));
    }

    @Test
    void shouldFillSnapshotAndArchiveDefaultsInTheJournalOnlyConstructor()
    {
        assertThat(JOURNAL).isEqualTo(new JournalConfig(Path.of("j"), "FAST_DAILY", Durability.PROCESS,
            Path.of("data/snapshots"), 100_000, 3, Path.of("data/archive")));
        assertThat(JOURNAL).isEqualTo(ExchangeConfigLoader.load(null, Map.of("journal.directory", "j")).journal());
    }

    @Test
    void shouldKeepPasswordsOutOfToString()
    {
        assertThat(CLIENT.toString()).doesNotContain("secret").contains("password=***").contains("CLIENT1");
        assertThat(ExchangeConfigLoader.defaults().toString()).doesNotContain("client1-secret");
    }

    @Test
    void shouldRequireAtLeastOneProblemInAValidationFailure()
    {
        assertThatThrownBy(() -> new ConfigValidationException(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThat(new ConfigValidationException(List.of("a.b is wrong")))
            .hasMessage("Invalid configuration, 1 problem:\n  a.b is wrong");
    }
}
