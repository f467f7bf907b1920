package dev.tessera.gateway;

import dev.tessera.journal.AtomicFile;
import dev.tessera.journal.Journal;
import dev.tessera.journal.JournalGenerations;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Which journal the session state in {@code gateway.stateDirectory} belongs to, in {@value #FILE_NAME}: records of
 * that journal the state has seen, each by its sequence, Chronicle index and checksum (which covers the command with
 * its timestamp and its events, so another journal holds a record of the same sequence with another checksum). Two
 * are kept: record 1, and the journal's last record at the last start or clean stop. Record 1 tells another journal
 * from this one as long as it is not archived; the last record tells a copy that went its own way after it, and
 * survives {@code journal archive}, which keeps the cycles a start needs.
 *
 * <p>A start whose journal holds one of these records with another checksum is refused: it would answer the
 * sessions' resends and catch-ups from another history. A record the journal does not hold (cut by a repair or a
 * power cut, archived, or a shorter journal) decides nothing: the gateway's own rules for a journal that holds fewer
 * events than the reports apply. State written by a build before this file has none and is accepted; the start
 * writes it.
 */
final class JournalIdentity
{
    static final String FILE_NAME = "journal.identity";
    private static final String FIRST_LINE = "tessera journal identity 1";
    private static final String RECORD = "record ";

    private JournalIdentity()
    {
    }

    /** One record of the journal: its record sequence, the index of its document, its checksum (unsigned). */
    record Anchor(long recordSequence, long index, long checksum)
    {
    }

    /**
     * The first record the journal holds that differs from the session state's, or null when none does (or the state
     * has no identity yet).
     */
    static Mismatch mismatch(final Path stateDirectory, final Journal journal)
    {
        for (final Anchor anchor : read(stateDirectory))
        {
            final long checksum = journal.recordChecksum(anchor.index(), anchor.recordSequence());
            if (checksum != Journal.NO_RECORD && checksum != anchor.checksum())
            {
                return new Mismatch(anchor, checksum);
            }
        }
        return null;
    }

    /**
     * The newest record the session state saw its journal hold (at the last start or clean stop), when the journal now
     * ends before it and no {@code journal repair} cut it there (a repair begins a journal generation at its cut):
     * records were removed from under the exchange (a cycle file deleted, emptied or cut short, an older copy put in its
     * place). Started, the gateway would take them for a power cut's loss: it asks the clients to resend what the
     * journal lacks, and enters again orders they had reports of. Null when the journal holds it, or the state has no
     * identity yet.
     */
    static Anchor missingRecord(final Path stateDirectory, final Journal journal)
    {
        final Anchor newest = newest(stateDirectory);
        final long last = journal.lastRecordSequence();
        if (last == 0 && journal.lastIndex() >= 0)
        {
            // A last document that does not frame as records is damage, which recovery names with its record and
            // --repair; read as a journal ending at record 0, it was refused as one missing records, with the advice to
            // move journal.identity aside (QA 125 F3: a full disk left the last record's page never backed).
            return null;
        }
        if (newest == null || newest.recordSequence() <= last ||
            JournalGenerations.read(journal.directory()).latestFirstRecord() == last + 1)
        {
            return null;
        }
        return newest;
    }

    /** The newest record the session state saw its journal hold (at the last start or clean stop); null when none. */
    static Anchor newest(final Path stateDirectory)
    {
        Anchor newest = null;
        for (final Anchor anchor : read(stateDirectory))
        {
            if (newest == null || anchor.recordSequence() > newest.recordSequence())
            {
                newest = anchor;
            }
        }
        return newest;
    }

    /** A record the journal holds with another checksum than the session state's journal had there. */
    record Mismatch(Anchor expected, long found)
    {
    }

    /**
     * Writes the identity of {@code journal} (atomically): its record 1 when it holds it, else the record 1 kept from
     * before (archived since), and its last record. Nothing when the journal holds no record.
     */
    static void record(final Path stateDirectory, final Journal journal)
    {
        final long lastIndex = journal.lastIndex();
        final long lastSequence = journal.lastRecordSequence();
        if (lastIndex < 0 || lastSequence <= 0)
        {
            return;
        }
        final List<Anchor> anchors = new ArrayList<>(2);
        final long firstChecksum = journal.recordChecksum(journal.firstIndex(), 1);
        if (firstChecksum != Journal.NO_RECORD)
        {
            anchors.add(new Anchor(1, journal.firstIndex(), firstChecksum));
        }
        else
        {
            read(stateDirectory).stream().filter(anchor -> anchor.recordSequence() == 1).findFirst()
                .ifPresent(anchors::add);
        }
        final long lastChecksum = journal.recordChecksum(lastIndex, lastSequence);
        if (lastChecksum != Journal.NO_RECORD && lastSequence != 1)
        {
            anchors.add(new Anchor(lastSequence, lastIndex, lastChecksum));
        }
        final StringBuilder text = new StringBuilder(FIRST_LINE).append('\n');
        for (final Anchor anchor : anchors)
        {
            text.append(RECORD).append(anchor.recordSequence()).append(" index=").append(anchor.index())
                .append(" checksum=").append(anchor.checksum()).append('\n');
        }
        AtomicFile.write(stateDirectory.resolve(FILE_NAME), text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The records kept; none when the state has no identity yet (new, or written by an older build). */
    static List<Anchor> read(final Path stateDirectory)
    {
        final Path file = stateDirectory.resolve(FILE_NAME);
        final List<String> lines;
        try
        {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        }
        catch (final NoSuchFileException ex)
        {
            return List.of();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + file, ex);
        }
        if (lines.isEmpty() || !lines.get(0).equals(FIRST_LINE))
        {
            throw new UnreadableSessionStateException(file + " is not a journal identity this build reads (its " +
                "first line should be \"" + FIRST_LINE + "\"); move it aside to have the next start write it again");
        }
        final List<Anchor> anchors = new ArrayList<>(2);
        for (final String line : lines.subList(1, lines.size()))
        {
            if (line.isBlank())
            {
                continue;
            }
            try
            {
                final String[] fields = line.split(" ");
                if (fields.length != 4 || !line.startsWith(RECORD) || !fields[2].startsWith("index=") ||
                    !fields[3].startsWith("checksum="))
                {
                    throw new NumberFormatException(line);
                }
                anchors.add(new Anchor(Long.parseLong(fields[1]), Long.parseLong(fields[2].substring(6)),
                    Long.parseLong(fields[3].substring(9))));
            }
            catch (final NumberFormatException ex)
            {
                throw new UnreadableSessionStateException(file + ": cannot read the line \"" + line + "\"; move " +
                    "the file aside to have the next start write it again", ex);
            }
        }
        return anchors;
    }
}
