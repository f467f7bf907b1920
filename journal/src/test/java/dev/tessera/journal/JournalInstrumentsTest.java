package dev.tessera.journal;

import dev.tessera.config.Durability;
import dev.tessera.config.InstrumentConfig;
import dev.tessera.config.JournalConfig;
import dev.tessera.config.SelfTradePrevention;
import dev.tessera.engine.MatchingEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JournalInstrumentsTest
{
    private static final InstrumentConfig TEST = CommandStream.INSTRUMENTS.get(0);
    private static final InstrumentConfig OTHER =
        new InstrumentConfig("OTHER", 2, 4, 100, 1, 1, 1_000_000, 1_000_000, 0, SelfTradePrevention.NONE);

    @TempDir
    Path root;

    private JournalConfig config()
    {
        return new JournalConfig(root.resolve("journal"), "FAST_DAILY", Durability.PROCESS);
    }

    private Path file()
    {
        return config().directory().resolve(JournalInstruments.FILE);
    }

    private static InstrumentConfig with(final InstrumentConfig instrument, final String symbol, final int id,
        final int priceScale, final long tickSize)
    {
        return new InstrumentConfig(symbol, id, priceScale, tickSize, instrument.lotSize(), instrument.minQuantity(),
            instrument.maxQuantity(), instrument.referencePrice(), instrument.priceBandBps(),
            instrument.selfTradePrevention());
    }

    /** Writes 100 records for TEST with {@code instruments}; returns the state hash they leave. */
    private long writeJournal(final List<InstrumentConfig> instruments)
    {
        try (Journal journal = Journal.open(config(), instruments))
        {
            final MatchingEngine engine = CommandStream.newEngine();
            JournalFixture.write(journal, JournalPosition.EMPTY, new CommandStream(5), engine, 100);
            return engine.stateHash();
        }
    }

    /** Every file of the journal directory but the writer lock, by name, as bytes. */
    private Map<String, byte[]> journalFiles() throws IOException
    {
        final Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> listing = Files.list(config().directory()))
        {
            for (final Path file : listing.toList())
            {
                if (!file.getFileName().toString().equals(Journal.WRITER_LOCK_FILE))
                {
                    files.put(file.getFileName().toString(), Files.readAllBytes(file));
                }
            }
        }
        return files;
    }

    private Recovery.Result recover(final List<InstrumentConfig> instruments)
    {
        try (Journal journal = Journal.open(config(), instruments))
        {
            return Recovery.recover(journal, instruments, 1024, SnapshotStore.NONE, line -> { });
        }
    }

    /** As the exchange starts: recovers, then makes the writer it goes on with. */
    private Recovery.Result start(final List<InstrumentConfig> instruments)
    {
        try (Journal journal = Journal.open(config(), instruments))
        {
            final Recovery.Result recovered = Recovery.recover(journal, instruments, 1024, SnapshotStore.NONE, line -> { });
            journal.writer(recovered.position()).close();
            return recovered;
        }
    }

    /**
     * QA 115 F1: a start refused because the configuration left out an instrument with resting orders had already
     * recorded the new instrument it added, for good; set right, the configuration was then refused over that one's
     * priceScale, though no price of it was ever journaled. Instruments are recorded once the writer is made.
     */
    @Test
    void shouldRecordNothingForAStartRefusedAfterTheOpen() throws IOException
    {
        writeJournal(List.of(TEST));
        final byte[] before = Files.readAllBytes(file());

        assertThatThrownBy(() -> start(List.of(OTHER))).isInstanceOf(JournalInstrumentsException.class)
            .hasMessageContaining("leaves out TEST (id 1) with");
        assertThat(Files.readAllBytes(file())).as("OTHER not recorded").isEqualTo(before);

        final InstrumentConfig rescaledOther = with(OTHER, "OTHER", 2, 2, 1);
        assertThat(start(List.of(TEST, rescaledOther)).position().recordSequence()).isEqualTo(100);
        assertThat(Files.readAllLines(file())).contains("id=2 priceScale=2 symbol=OTHER");
    }

    @Test
    void shouldRefuseAChangedPriceScaleAndTouchNothing() throws IOException
    {
        final long written = writeJournal(List.of(TEST));
        final Map<String, byte[]> before = journalFiles();
        assertThat(before).containsKey(JournalInstruments.FILE);

        final List<InstrumentConfig> rescaled = List.of(with(TEST, "TEST", 1, 4, 100));
        assertThatThrownBy(() -> Journal.open(config(), rescaled))
            .isInstanceOf(JournalInstrumentsException.class)
            .hasMessageContaining("TEST (id 1) has priceScale 2 in the journal and 4 in the configuration")
            .hasMessageContaining("would read 100 times too low")
            .hasMessageContaining(config().directory().toAbsolutePath().toString());
        assertThatThrownBy(() -> Journal.openReadOnly(config().directory(), rescaled))
            .isInstanceOf(JournalInstrumentsException.class).hasMessageContaining("priceScale 2 in the journal");

        assertThat(journalFiles()).as("not a byte changed").containsOnlyKeys(before.keySet())
            .allSatisfy((name, bytes) -> assertThat(bytes).as(name).isEqualTo(before.get(name)));
        assertThat(recover(List.of(TEST)).engine().stateHash()).as("the original configuration still opens it")
            .isEqualTo(written);
    }

    @Test
    void shouldRefuseAnotherSymbolForAJournaledIdAndAJournaledSymbolUnderAnotherId()
    {
        writeJournal(List.of(TEST, OTHER));

        assertThatThrownBy(() -> Journal.open(config(), List.of(with(TEST, "RENAMED", 1, 2, 1), OTHER)))
            .isInstanceOf(JournalInstrumentsException.class)
            .hasMessageContaining("instrument id 1 is TEST in the journal and RENAMED in the configuration");
        assertThatThrownBy(() -> Journal.open(config(), List.of(with(TEST, "TEST", 7, 2, 1), OTHER)))
            .isInstanceOf(JournalInstrumentsException.class)
            .hasMessageContaining("TEST is instrument id 1 in the journal and id 7 in the configuration");
        assertThatThrownBy(() -> Journal.open(config(), List.of(with(TEST, "OTHER", 1, 2, 1))))
            .as("two ids swapped").isInstanceOf(JournalInstrumentsException.class)
            .hasMessageContaining("instrument id 1 is TEST in the journal and OTHER in the configuration")
            .hasMessageContaining("OTHER is instrument id 2 in the journal and id 1 in the configuration");
    }

    @Test
    void shouldRecordANewInstrumentKeepARemovedOneAndLetTradingRulesChange() throws IOException
    {
        writeJournal(List.of(TEST));

        final InstrumentConfig widerTick = with(TEST, "TEST", 1, 2, 5);
        assertThat(recover(List.of(widerTick, OTHER)).position().recordSequence()).isEqualTo(100);
        assertThat(Files.readAllLines(file())).as("read, not written: nothing recorded").doesNotContain(
            "id=2 priceScale=4 symbol=OTHER");
        assertThat(start(List.of(widerTick, OTHER)).position().recordSequence()).isEqualTo(100);
        assertThat(Files.readAllLines(file())).contains("id=1 priceScale=2 symbol=TEST", "id=2 priceScale=4 symbol=OTHER");

        try (Journal journal = Journal.open(config(), List.of(OTHER)))
        {
            assertThat(journal.lastRecordSequence()).as("TEST left out: its history is still there").isEqualTo(100);
        }
        assertThat(Files.readAllLines(file())).as("and still recorded").contains("id=1 priceScale=2 symbol=TEST");
        assertThatThrownBy(() -> Journal.open(config(), List.of(OTHER, with(TEST, "TEST", 1, 3, 1))))
            .as("a removed instrument comes back as it was, or not at all")
            .isInstanceOf(JournalInstrumentsException.class);
        assertThatThrownBy(() -> Journal.open(config(), List.of(OTHER, with(TEST, "NEW", 1, 2, 1))))
            .isInstanceOf(JournalInstrumentsException.class);
    }

    @Test
    void shouldRecordTheInstrumentsOfAJournalWrittenBeforeThem() throws IOException
    {
        assertThat(JournalInstruments.unrecorded(config().directory(), List.of(TEST), "the first start"))
            .as("no journal yet: nothing to say").isNull();
        try (Journal journal = Journal.open(config()))
        {
            JournalFixture.write(journal, JournalPosition.EMPTY, new CommandStream(5), CommandStream.newEngine(), 10);
        }
        assertThat(file()).doesNotExist();
        try (Journal journal = Journal.openReadOnly(config().directory(), List.of(with(TEST, "TEST", 1, 6, 1))))
        {
            assertThat(journal.lastRecordSequence()).as("nothing to check against yet").isEqualTo(10);
        }
        // QA 123 F1: said before the first start takes them, which nothing can check (a wrong scale was taken silently).
        assertThat(JournalInstruments.unrecorded(config().directory(), List.of(OTHER, TEST), "the first start"))
            .isEqualTo("journal " + config().directory() + " has records but no instruments.txt (written by a build " +
                "before it was kept): the first start records the configured instruments as the ones it was written " +
                "with: TEST (id 1) priceScale 2, " + OTHER.symbol() + " (id " + OTHER.id() + ") priceScale " +
                OTHER.priceScale() + ". Nothing can check them: an instrument its records hold at another priceScale " +
                "would read every price of it wrong, and the configuration that has it right would be refused from " +
                "then on. Check each priceScale (and symbol, by id) is the one the journal was written with");

        Journal.open(config(), List.of(TEST)).close();
        assertThat(file()).as("opened, not written").doesNotExist();
        start(List.of(TEST));

        assertThat(Files.readAllLines(file())).contains("id=1 priceScale=2 symbol=TEST");
        assertThatThrownBy(() -> Journal.openReadOnly(config().directory(), List.of(with(TEST, "TEST", 1, 6, 1))))
            .isInstanceOf(JournalInstrumentsException.class);
        assertThat(JournalInstruments.unrecorded(config().directory(), List.of(TEST), "the first start")).isNull();
    }

    @Test
    void shouldRefuseADamagedRecordAndNeverRewriteIt() throws IOException
    {
        writeJournal(List.of(TEST));
        final String damaged = JournalInstruments.FORMAT + "\nid=1 priceScale=two symbol=TEST\n";
        Files.writeString(file(), damaged);

        assertThatThrownBy(() -> Journal.open(config(), List.of(TEST)))
            .isInstanceOf(JournalInstrumentsException.class)
            .hasMessageContaining(JournalInstruments.FILE + ", its record of the instruments it was written with, is damaged")
            .hasMessageContaining("line 2 is not `id=<id> priceScale=<priceScale> symbol=<symbol>`");
        assertThatThrownBy(() -> Journal.openReadOnly(config().directory(), List.of(TEST)))
            .isInstanceOf(JournalInstrumentsException.class);
        assertThat(Files.readString(file())).isEqualTo(damaged);

        Files.writeString(file(), "");
        assertThatThrownBy(() -> Journal.open(config(), List.of(TEST)))
            .isInstanceOf(JournalInstrumentsException.class).hasMessageContaining("its first line is not");
        Files.writeString(file(), JournalInstruments.FORMAT + "\nid=1 priceScale=2 symbol=TEST\n" +
            "id=2 priceScale=2 symbol=TEST\n");
        assertThatThrownBy(() -> Journal.open(config(), List.of(TEST)))
            .isInstanceOf(JournalInstrumentsException.class).hasMessageContaining("line 3 repeats an id or a symbol");
    }

    @Test
    void shouldOpenAfterACrashThatLeftATempFile() throws IOException
    {
        final Path temp = config().directory().resolve(JournalInstruments.TEMP_FILE);
        // A crash during the first write: only the half-written temp file, so the journal is as one without a record.
        Files.createDirectories(config().directory());
        Files.write(temp, "tessera journal instr".getBytes(StandardCharsets.UTF_8));
        writeJournal(List.of(TEST));
        assertThat(Files.readAllLines(file())).contains("id=1 priceScale=2 symbol=TEST");
        assertThat(temp).doesNotExist();

        // A crash while adding an instrument: the record is the old one, whole, beside a torn temp file.
        Files.write(temp, "id=2 pri".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> Journal.open(config(), List.of(with(TEST, "TEST", 1, 4, 1))))
            .isInstanceOf(JournalInstrumentsException.class).hasMessageContaining("priceScale 2 in the journal");
        assertThat(start(List.of(TEST, OTHER)).position().recordSequence()).isEqualTo(100);
        assertThat(Files.readAllLines(file())).contains("id=2 priceScale=4 symbol=OTHER");
        assertThat(temp).doesNotExist();
    }
}
