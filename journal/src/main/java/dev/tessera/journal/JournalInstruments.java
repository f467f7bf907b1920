package dev.tessera.journal;

import dev.tessera.config.InstrumentConfig;
import dev.tessera.config.SelfTradePrevention;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a journal's numbers mean: the instruments it has been written with, kept beside it in {@value #FILE}.
 * A record names an instrument by id only and holds its prices as fixed-point longs at the instrument's
 * priceScale; nothing in the records says which symbol or scale that was. A configuration that gives a
 * journaled id another symbol or priceScale, or a journaled symbol another id, would silently reprice or
 * relabel every journaled order of it, so it is refused before anything is touched.
 *
 * <p>Only what changes how journaled numbers read is kept (id, symbol, priceScale; quantities are whole
 * units). Tick, lot, quantity limits, band and self-trade prevention decide new commands and may change
 * between runs. The file only grows: an instrument new in the configuration is added when the journal is
 * opened for writing, one removed from it stays (its history is still in the journal).
 *
 * <p>Written to {@value #TEMP_FILE}, forced, renamed over {@value #FILE}, then the directory forced: a crash
 * leaves the old file or the new one, and at worst a temp file that the next write overwrites. A file that
 * cannot be read is an error, never rewritten: it is the only record of what the journal's numbers mean.
 */
public final class JournalInstruments
{
    /** In the journal directory, beside {@link Journal#WRITER_LOCK_FILE}. */
    public static final String FILE = "instruments.txt";
    static final String TEMP_FILE = FILE + ".tmp";
    static final String FORMAT = "tessera journal instruments 1";
    private static final String LINE_FORMAT = "id=<id> priceScale=<priceScale> symbol=<symbol>";
    private static final String HEADER = FORMAT + "\n" +
        "# The instruments this journal has been written with. Its records name an instrument by id and hold its\n" +
        "# prices as fixed-point numbers at its priceScale. The exchange adds new instruments here and refuses a\n" +
        "# configuration that changes the symbol or priceScale of one listed, or the id of a listed symbol.\n";

    private JournalInstruments()
    {
    }

    /** How the journal's numbers of one instrument read. */
    record Entry(int id, int priceScale, String symbol)
    {
        static Entry of(final InstrumentConfig instrument)
        {
            return new Entry(instrument.id(), instrument.priceScale(), instrument.symbol());
        }

        String line()
        {
            return "id=" + id + " priceScale=" + priceScale + " symbol=" + symbol;
        }
    }

    /**
     * For the writer, under its lock: refuses a configuration that does not fit the instruments the journal
     * was written with, then records the configured instruments the file lacks (all of them for a new journal,
     * or one from before the file existed).
     *
     * @throws JournalInstrumentsException naming every misfit, or when the file cannot be read.
     */
    static void recordForWriting(final Path directory, final List<InstrumentConfig> configured)
    {
        final TreeMap<Integer, Entry> journaled = read(directory);
        requireFit(directory, journaled, configured);
        final TreeMap<Integer, Entry> all = new TreeMap<>(journaled);
        for (final InstrumentConfig instrument : configured)
        {
            all.putIfAbsent(instrument.id(), Entry.of(instrument));
        }
        if (all.size() > journaled.size() || !Files.exists(directory.resolve(FILE)))
        {
            final StringBuilder text = new StringBuilder(HEADER);
            all.values().forEach(entry -> text.append(entry.line()).append('\n'));
            writeAtomically(directory, FILE, text.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * For a journal that holds records but no {@value #FILE} (written by a build before the file was kept, up to
     * 2026-11-22): what its first writer's open will record as the journal's, the configured instruments, said before
     * it does, since nothing can check them then and a wrong priceScale is refused ever after (QA 123 F1: taken without
     * a word, a changed priceScale repriced every resting order 100 times). {@code start}: which start records them
     * ("the first start", "this start"). Null for a journal with the file, or with no record.
     */
    public static String unrecorded(final Path directory, final List<InstrumentConfig> configured, final String start)
    {
        if (Files.exists(directory.resolve(FILE)) || Journal.holdsNoRecord(directory))
        {
            return null;
        }
        final StringBuilder instruments = new StringBuilder();
        configured.stream().sorted(Comparator.comparingInt(InstrumentConfig::id)).forEach(instrument ->
            instruments.append(instruments.length() == 0 ? "" : ", ").append(instrument.symbol()).append(" (id ")
                .append(instrument.id()).append(") priceScale ").append(instrument.priceScale()));
        return "journal " + directory + " has records but no " + FILE + " (written by a build before it was kept): " +
            start + " records the configured instruments as the ones it was written with: " + instruments +
            ". Nothing can check them: an instrument its records hold at another priceScale would read every price of " +
            "it wrong, and the configuration that has it right would be refused from then on. Check each priceScale " +
            "(and symbol, by id) is the one the journal was written with";
    }

    /**
     * For a reader: refuses a configuration that does not fit the instruments the journal was written with.
     * A journal without the file (written before it existed) is not checked.
     *
     * @throws JournalInstrumentsException naming every misfit, or when the file cannot be read.
     */
    public static void check(final Path directory, final List<InstrumentConfig> configured)
    {
        requireFit(directory, read(directory), configured);
    }

    /**
     * The instruments the journal was written with that {@code configured} leaves out, by id: each with its journaled
     * symbol and priceScale, so that its orders' history reads as written. Their trading rules are placeholders (a
     * tick and lot of 1, no band): for reading the journal only, never for taking orders. None when the journal has no
     * file.
     *
     * @throws JournalInstrumentsException when the file cannot be read.
     */
    public static List<InstrumentConfig> leftOut(final Path directory, final List<InstrumentConfig> configured)
    {
        final TreeMap<Integer, Entry> journaled = read(directory);
        configured.forEach(instrument -> journaled.remove(instrument.id()));
        final List<InstrumentConfig> leftOut = new ArrayList<>();
        journaled.values().forEach(entry -> leftOut.add(new InstrumentConfig(entry.symbol(), entry.id(),
            entry.priceScale(), 1, 1, 1, 1, 1, 0, SelfTradePrevention.NONE)));
        return leftOut;
    }

    /** Copies the file, if there is one, byte for byte and atomically into {@code toDirectory}: repair, archive. */
    static void copy(final Path fromDirectory, final Path toDirectory)
    {
        copy(fromDirectory, toDirectory, FILE);
    }

    /** Copies {@code fileName}, if {@code fromDirectory} has it, byte for byte and atomically into {@code toDirectory}. */
    static void copy(final Path fromDirectory, final Path toDirectory, final String fileName)
    {
        final Path file = fromDirectory.resolve(fileName);
        if (Files.exists(file))
        {
            try
            {
                writeAtomically(toDirectory, fileName, Files.readAllBytes(file));
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot copy " + file + " to " + toDirectory, ex);
            }
        }
    }

    /** The instruments recorded in {@code directory}, by id; none when there is no file. */
    static TreeMap<Integer, Entry> read(final Path directory)
    {
        final Path file = directory.resolve(FILE);
        final TreeMap<Integer, Entry> entries = new TreeMap<>();
        if (!Files.exists(file))
        {
            return entries;
        }
        final List<String> lines;
        try
        {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new JournalInstrumentsException(unreadable(file, "it cannot be read: " + ex), ex);
        }
        if (lines.isEmpty() || !FORMAT.equals(lines.get(0)))
        {
            throw new JournalInstrumentsException(unreadable(file, "its first line is not `" + FORMAT + "`"));
        }
        final Map<String, Entry> bySymbol = new HashMap<>();
        for (int i = 1; i < lines.size(); i++)
        {
            final String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#"))
            {
                continue;
            }
            final Entry entry = parse(line);
            if (entry == null)
            {
                throw new JournalInstrumentsException(unreadable(file,
                    "line " + (i + 1) + " is not `" + LINE_FORMAT + "`: " + line));
            }
            if (entries.putIfAbsent(entry.id(), entry) != null || bySymbol.putIfAbsent(entry.symbol(), entry) != null)
            {
                throw new JournalInstrumentsException(unreadable(file,
                    "line " + (i + 1) + " repeats an id or a symbol: " + line));
            }
        }
        return entries;
    }

    private static Entry parse(final String line)
    {
        final String[] fields = line.split(" ", 3);
        if (fields.length != 3 || !fields[0].startsWith("id=") || !fields[1].startsWith("priceScale=") ||
            !fields[2].startsWith("symbol="))
        {
            return null;
        }
        try
        {
            final int id = Integer.parseInt(fields[0].substring("id=".length()));
            final int priceScale = Integer.parseInt(fields[1].substring("priceScale=".length()));
            final String symbol = fields[2].substring("symbol=".length());
            return id > 0 && priceScale >= 0 && !symbol.isBlank() ? new Entry(id, priceScale, symbol) : null;
        }
        catch (final NumberFormatException ex)
        {
            return null;
        }
    }

    private static String unreadable(final Path file, final String why)
    {
        return "journal " + file.getParent().toAbsolutePath() + ": " + file.getFileName() + ", its record of the " +
            "instruments it was written with, is damaged (" + why + "). It is never rewritten by itself, and nothing " +
            "was touched: restore it (one line `" + LINE_FORMAT + "` per instrument, after the line `" + FORMAT +
            "`), or delete it to have it written again from a configuration you know the journal was written with";
    }

    private static void requireFit(
        final Path directory, final Map<Integer, Entry> journaled, final List<InstrumentConfig> configured)
    {
        final Map<String, Entry> bySymbol = new HashMap<>();
        journaled.values().forEach(entry -> bySymbol.put(entry.symbol(), entry));
        final List<String> misfits = new ArrayList<>();
        for (final InstrumentConfig instrument : configured)
        {
            final Entry sameId = journaled.get(instrument.id());
            if (sameId != null && !sameId.symbol().equals(instrument.symbol()))
            {
                misfits.add("instrument id " + instrument.id() + " is " + sameId.symbol() + " in the journal and " +
                    instrument.symbol() + " in the configuration (" + sameId.symbol() + "'s orders would be shown as " +
                    instrument.symbol() + "'s)");
            }
            else if (sameId != null && sameId.priceScale() != instrument.priceScale())
            {
                misfits.add(instrument.symbol() + " (id " + instrument.id() + ") has priceScale " + sameId.priceScale() +
                    " in the journal and " + instrument.priceScale() + " in the configuration (every journaled price of " +
                    "it would read 1" + "0".repeat(Math.abs(sameId.priceScale() - instrument.priceScale())) +
                    " times too " + (instrument.priceScale() < sameId.priceScale() ? "high" : "low") + ")");
            }
            final Entry sameSymbol = bySymbol.get(instrument.symbol());
            if (sameSymbol != null && sameSymbol.id() != instrument.id())
            {
                misfits.add(instrument.symbol() + " is instrument id " + sameSymbol.id() + " in the journal and id " +
                    instrument.id() + " in the configuration (its journaled orders would not be " + instrument.symbol() +
                    "'s)");
            }
        }
        if (!misfits.isEmpty())
        {
            throw new JournalInstrumentsException(directory, "the configuration does not fit journal " +
                directory.toAbsolutePath() +
                ", written with the instruments in its " + FILE + ": " + String.join("; ", misfits) + ". Configure " +
                "them as they were; another priceScale needs a new instrument, under a new id and a new symbol (a " +
                "journaled symbol keeps its id), and a new symbol a new id (an instrument may be left out: its " +
                "history stays readable)");
        }
    }

    /** Every small text file kept beside the journal is replaced whole ({@link AtomicFile}). */
    static void writeAtomically(final Path directory, final String fileName, final byte[] bytes)
    {
        AtomicFile.write(directory.resolve(fileName), bytes);
    }
}
