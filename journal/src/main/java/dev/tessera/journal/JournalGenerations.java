package dev.tessera.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Which cut of the journal's history a record belongs to, kept beside it in {@value #FILE}. {@code journal repair}
 * that cuts records starts a new generation at the first record after the cut: the records written then take the cut
 * ones' record and event sequences, so anything numbered by those alone (a FIX ExecID(17)) would repeat numbers a
 * client already saw for other executions. A number paired with its record's generation never repeats.
 *
 * <p>Generation 0 is every record before the first cut (a journal without the file has only that one). Each line
 * {@code generation=<g> firstRecord=<recordSequence>} says generation g holds the records from that record sequence
 * on; a record belongs to the highest generation whose first record is at or before it (a later cut may go back
 * further than an earlier one: the records the earlier generation had there were cut with it). Written atomically by
 * the repair, before the repaired journal takes the original's place, and by the exchange's start when the journal
 * lost a tail that FIX sessions had reports of without a repair ({@link #beginAfterLostTail}); never rewritten
 * otherwise.
 */
public final class JournalGenerations
{
    /** In the journal directory, beside {@link JournalInstruments#FILE}. */
    public static final String FILE = "generations.txt";
    static final String FORMAT = "tessera journal generations 1";
    private static final String LINE_FORMAT = "generation=<g> firstRecord=<recordSequence>";
    private static final String HEADER = FORMAT + "\n" +
        "# journal repair cut this journal's history: the records from firstRecord on are of the generation named,\n" +
        "# which FIX ExecIDs carry, so that the numbers of cut records taken again are not repeated to clients.\n";
    /** A journal never cut: every record of generation 0. */
    public static final JournalGenerations NONE = new JournalGenerations(new long[0]);

    /** Index g - 1: the first record sequence of generation g. */
    private final long[] firstRecords;

    private JournalGenerations(final long[] firstRecords)
    {
        this.firstRecords = firstRecords;
    }

    /**
     * The generation of the record with this sequence: a loop over the cuts the journal had (none in a journal never
     * repaired), so it costs nothing per report worth a cache.
     */
    public int generationOf(final long recordSequence)
    {
        int generation = 0;
        for (int i = 0; i < firstRecords.length; i++)
        {
            if (firstRecords[i] <= recordSequence)
            {
                generation = i + 1;
            }
        }
        return generation;
    }

    /** The generation new records are written in: the number of cuts. */
    public int latest()
    {
        return firstRecords.length;
    }

    /** The first record of the latest generation, 0 in a journal never cut. */
    public long latestFirstRecord()
    {
        return firstRecords.length == 0 ? 0 : firstRecords[firstRecords.length - 1];
    }

    /**
     * For the exchange, under the journal's writer lock, at a start that found reports made of events the journal
     * no longer holds (a power cut in {@code process} durability took its tail; no repair ran): starts a new
     * generation at {@code firstRecord}, the record after the journal's last.
     *
     * @return the new generation.
     */
    public static int beginAfterLostTail(final Path directory, final long firstRecord)
    {
        return copyWithNewGeneration(directory, directory, firstRecord);
    }

    /** The generations recorded in {@code directory}; {@link #NONE} when it has no file (never cut). */
    public static JournalGenerations read(final Path directory)
    {
        final Path file = directory.resolve(FILE);
        if (!Files.exists(file))
        {
            return NONE;
        }
        final List<String> lines;
        try
        {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + file, ex);
        }
        if (lines.isEmpty() || !FORMAT.equals(lines.get(0)))
        {
            throw new IllegalStateException(unreadable(file, "its first line is not `" + FORMAT + "`"));
        }
        long[] firstRecords = new long[0];
        for (int i = 1; i < lines.size(); i++)
        {
            final String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#"))
            {
                continue;
            }
            final long firstRecord = parse(line, firstRecords.length + 1);
            if (firstRecord < 1)
            {
                throw new IllegalStateException(unreadable(file, "line " + (i + 1) + " is not `" + LINE_FORMAT +
                    "` with g one more than the line before: " + line));
            }
            firstRecords = Arrays.copyOf(firstRecords, firstRecords.length + 1);
            firstRecords[firstRecords.length - 1] = firstRecord;
        }
        return new JournalGenerations(firstRecords);
    }

    /**
     * For a repair that cut records: writes into {@code toDirectory} (the repaired copy) the generations of
     * {@code fromDirectory} and a new one whose first record is {@code firstRecord}, the one after the last kept.
     *
     * @return the new generation.
     */
    static int copyWithNewGeneration(final Path fromDirectory, final Path toDirectory, final long firstRecord)
    {
        final JournalGenerations before = read(fromDirectory);
        final StringBuilder text = new StringBuilder(HEADER);
        for (int i = 0; i < before.firstRecords.length; i++)
        {
            text.append(line(i + 1, before.firstRecords[i]));
        }
        final int generation = before.latest() + 1;
        text.append(line(generation, firstRecord));
        JournalInstruments.writeAtomically(toDirectory, FILE, text.toString().getBytes(StandardCharsets.UTF_8));
        return generation;
    }

    /** Copies the file, if there is one, into {@code toDirectory}: repair (no cut), archive. */
    static void copy(final Path fromDirectory, final Path toDirectory)
    {
        JournalInstruments.copy(fromDirectory, toDirectory, FILE);
    }

    private static String line(final int generation, final long firstRecord)
    {
        return "generation=" + generation + " firstRecord=" + firstRecord + "\n";
    }

    /** The line's first record when it names {@code expectedGeneration}, else -1. */
    private static long parse(final String line, final int expectedGeneration)
    {
        final String[] fields = line.trim().split(" ");
        if (fields.length != 2 || !fields[0].equals("generation=" + expectedGeneration) ||
            !fields[1].startsWith("firstRecord="))
        {
            return -1;
        }
        try
        {
            return Long.parseLong(fields[1].substring("firstRecord=".length()));
        }
        catch (final NumberFormatException ex)
        {
            return -1;
        }
    }

    private static String unreadable(final Path file, final String why)
    {
        return "journal " + file.getParent().toAbsolutePath() + ": " + file.getFileName() + ", its record of the cuts " +
            "journal repair made, is damaged (" + why + "). Restore it (one line `" + LINE_FORMAT + "` per repair " +
            "that cut records, after the line `" + FORMAT + "`); without it, ExecIDs of reports made after a cut " +
            "would repeat ones clients had for cut records";
    }
}
