package dev.tessera.gateway;

import dev.tessera.config.UnusableDirectoryException;
import dev.tessera.journal.ExecIds;
import dev.tessera.journal.SnapshotDirectory;
import org.agrona.DirectBuffer;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * What a FIX session must remember across a server restart, in memory-mapped files (so a
 * {@code kill -9} loses nothing written): the next MsgSeqNum each way, the last engine event the
 * session has been sent, and for every outbound MsgSeqNum what it carried. The sent index holds no
 * message bodies: a positive entry names the journaled event (and the report role) a message was made from,
 * so a ResendRequest is answered by regenerating the report from the journal; a negative one names the
 * {@link MadeMessages} record of an application message the gateway made itself (a throttle reject, say),
 * which is resent as stored; 0 marks a message that is not resent (admin, market data), which a resend turns
 * into a gap fill.
 *
 * <p>The received index does the same for inbound MsgSeqNums: the command sequence each message entered
 * on the ring ({@link #NOTHING_ENTERED} for one that entered none, {@link #ENTERING} while it is being
 * entered). The next expected MsgSeqNum moves past a message as soon as it is read, but its command is
 * only safe once journaled: after a {@code kill -9}, {@link #rewindToFirstLost} takes the expected MsgSeqNum
 * back to the first message whose command the journal lacks, so the client's next Logon is answered with
 * a ResendRequest for it (FIX guaranteed delivery), instead of the session claiming a message whose effect
 * is gone.
 *
 * <p>Files: {@code <compId>.session} (fixed header), {@code <compId>.sent} and {@code <compId>.received}
 * (8 bytes per MsgSeqNum), {@code <compId>.made} ({@link MadeMessages}), {@code <compId>.held} ({@link HeldRejects},
 * from a session's first held reject); beside them, {@link ReportCheckpoint}'s
 * {@code gateway.checkpoint}.
 *
 * <p>Mapped writes survive a process crash, not a power cut. In {@code sync} durability the journal is msynced
 * before anything is published, and {@link #syncBeforeSend} does the same for these files before any byte goes
 * out to the client: whatever a client has been sent (a MsgSeqNum, a report it may ask to have resent, the
 * answer to a message it sent) is then on disk, so a power cut can never take the session's numbers back
 * behind what the client has seen.
 */
final class SessionStore implements AutoCloseable
{
    /** Role of a report in a sent-index entry: the event's one report. The roles are ExecIDs' ({@link ExecIds}). */
    static final int ROLE_REPORT = ExecIds.ROLE_REPORT;
    /** The maker's report of a trade. */
    static final int ROLE_MAKER = ExecIds.ROLE_MAKER;
    /** The taker's report of a trade. */
    static final int ROLE_TAKER = ExecIds.ROLE_TAKER;
    static final long NOT_RESENT = 0;
    /**
     * What {@link FixSession#begin} is given for an application message the gateway makes itself: its body is kept in
     * {@link MadeMessages} when it is committed, and its entry then names that record ({@link #madeEntry}).
     */
    static final long MADE = Long.MIN_VALUE;
    /** Received-index entry of a message that entered no command (session messages, status, rejects). */
    static final long NOTHING_ENTERED = 0;
    /**
     * Received-index entry of a message read and not yet entered: above every command sequence, so that it
     * counts as not journaled, as its command (if it got one) may not be.
     */
    static final long ENTERING = Long.MAX_VALUE;

    private static final int MAGIC = 0x54534553; // "TSES"
    private static final int VERSION = 1;
    private static final int HEADER_BYTES = 64;
    private static final int ZERO_FILL_BYTES = 64 * 1024;
    /**
     * The zeros a file grows by, made once: a file that grows while the gateway runs ({@link MadeMessages}, an index)
     * then allocates only its new mapping's few objects, not a buffer of its own each time.
     */
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(ZERO_FILL_BYTES).asReadOnlyBuffer();
    private static final int MAGIC_OFFSET = 0;
    private static final int VERSION_OFFSET = 4;
    private static final int NEXT_SENDER_SEQ_OFFSET = 8;
    private static final int NEXT_TARGET_SEQ_OFFSET = 12;
    private static final int LAST_EVENT_OFFSET = 16;
    /** Added without a version change: the header's spare bytes are zero in an older file, meaning "none". */
    private static final int LAST_ENTRY_MADE_OFFSET = 24;
    /** As {@link #LAST_ENTRY_MADE_OFFSET}: zero in an older file, meaning "not recorded". */
    private static final int RING_CAPACITY_OFFSET = 32;
    /** As {@link #LAST_ENTRY_MADE_OFFSET}: zero in an older file, meaning "no rewind". */
    private static final int REWOUND_FROM_OFFSET = 36;

    private final MappedByteBuffer headerMapping;
    private final UnsafeBuffer header;
    private final MsgSeqNumIndex sent;
    private final MsgSeqNumIndex received;
    private final MadeMessages made;
    /** {@code <compId>.held}: opened at the session's first hold, or at the start when it is there. */
    private final Path heldFile;
    private HeldRejects held;
    private final boolean created;
    /** {@code sync} durability: changes are msynced before anything is sent (see {@link #syncBeforeSend}). */
    private final boolean syncing;
    /** Whether the header may hold writes not yet msynced: set by every change, cleared by a sync. */
    private boolean headerUnsynced;
    /** The first MsgSeqNum whose sent-index entry the file lacked at open (missing or cut short), 0 if none. */
    private final int sentEntriesMissingFrom;
    /** As {@link #sentEntriesMissingFrom}, for the received index. */
    private final int receivedEntriesMissingFrom;
    /** Whether the received index was not there at all when an existing session's state was opened. */
    private final boolean receivedFileAbsent;

    private SessionStore(final Path headerFile, final Path sentFile, final Path receivedFile, final Path madeFile,
        final Path heldFile, final boolean syncBeforeSend)
    {
        this.syncing = syncBeforeSend;
        this.heldFile = heldFile;
        // First: the one file refused by its version (UnreadableSessionStateException), before anything else is mapped.
        // The header's version was checked by open (refuseUnreadableHeader), before anything was opened.
        this.made = new MadeMessages(madeFile);
        this.headerMapping = map(headerFile, HEADER_BYTES);
        this.header = new UnsafeBuffer(headerMapping);
        this.created = header.getInt(MAGIC_OFFSET) != MAGIC;
        if (created)
        {
            made.reset(); // records of a session state that is gone: its sent index no longer names them
            header.putInt(VERSION_OFFSET, VERSION);
            header.putInt(NEXT_SENDER_SEQ_OFFSET, 1);
            header.putInt(NEXT_TARGET_SEQ_OFFSET, 1);
            header.putLong(LAST_EVENT_OFFSET, 0);
            header.putIntVolatile(MAGIC_OFFSET, MAGIC);
        }
        // Measured before the indexes map (and so make or grow) their files: a session whose header survived but
        // whose index was removed or cut short would otherwise read its lost entries as zero, "not resent" or
        // "entered nothing", and answer for them without a word.
        this.sentEntriesMissingFrom = created ? 0 : MsgSeqNumIndex.missingFrom(sentFile, nextSenderMsgSeqNum());
        this.receivedEntriesMissingFrom = created ? 0 : MsgSeqNumIndex.missingFrom(receivedFile, nextTargetMsgSeqNum());
        // Session state of a build before the received index (up to 2026-11-22) has none: not damage (QA 123 F3).
        this.receivedFileAbsent = !created && !Files.exists(receivedFile);
        this.sent = new MsgSeqNumIndex(sentFile, nextSenderMsgSeqNum());
        this.received = new MsgSeqNumIndex(receivedFile, nextTargetMsgSeqNum());
    }

    static SessionStore open(final Path directory, final String compId)
    {
        return open(directory, compId, false);
    }

    /**
     * Refuses a {@code <compId>.session} header that cannot be what this build wrote: not its format (a damaged magic,
     * cut short), or missing or blank (never written: zeros, empty) beside a sent or received index that holds the
     * session's history. Either was taken for a new session, which answers the client's next Logon with MsgSeqNum 1
     * and asks it to resend everything (QA 109 F1): a standard client disconnects at a MsgSeqNum lower than it
     * expects. A blank header with no index is what a kill while the session was first made leaves: a new session.
     * A whole header whose next outbound MsgSeqNum is below an entry of the sent index, or whose sent index holds
     * report entries out of event order, is refused too ({@link #refuseDamagedSentIndex}), and so is a made-message
     * file of another format ({@link MadeMessages#refuseUnreadableHeader}). Reads only, before anything is opened or
     * made.
     *
     * @throws UnreadableSessionStateException naming the file and the two ways on.
     */
    static void refuseUnreadableHeader(final Path directory, final String compId)
    {
        final Path file = directory.resolve(compId + ".session");
        final String problem;
        try
        {
            MadeMessages.refuseUnreadableHeader(directory.resolve(compId + ".made"));
            final byte[] bytes = Files.isRegularFile(file) ? Files.readAllBytes(file) : new byte[0];
            final boolean blank = allZero(bytes);
            final UnsafeBuffer header = new UnsafeBuffer(bytes);
            if (bytes.length >= HEADER_BYTES && header.getInt(MAGIC_OFFSET) == MAGIC &&
                header.getInt(VERSION_OFFSET) != VERSION)
            {
                // Found here, before the journal is opened, as the other damage is (QA 110: only the open found it).
                throw new UnreadableSessionStateException(file + ": unknown session file version " +
                    header.getInt(VERSION_OFFSET) + " (written by another build, or damaged): start that build, or " +
                    putBackOrStartAgain(compId).replace("Put it back", "put it back"));
            }
            if (bytes.length >= HEADER_BYTES && header.getInt(MAGIC_OFFSET) == MAGIC)
            {
                refuseDamagedSentIndex(file, directory.resolve(compId + ".sent"), header.getInt(NEXT_SENDER_SEQ_OFFSET),
                    directory.resolve(compId + ".made"), compId);
                return;
            }
            if (!blank)
            {
                problem = bytes.length < HEADER_BYTES ? "is cut short (" + bytes.length + " of its " + HEADER_BYTES +
                    " bytes)" : "is damaged (it does not begin as a session file does)";
            }
            else
            {
                final Path index = holdsEntries(directory.resolve(compId + ".sent")) ? directory.resolve(compId + ".sent") :
                    holdsEntries(directory.resolve(compId + ".received")) ? directory.resolve(compId + ".received") : null;
                if (index == null)
                {
                    return;
                }
                problem = (Files.exists(file) ? (bytes.length == 0 ? "is empty" : "holds only zeros") : "is missing") +
                    ", but " + index.getFileName() + " beside it holds the session's history";
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read the session state " + file + ": " +
                UnusableDirectoryException.reason(file, ex), ex);
        }
        throw new UnreadableSessionStateException(file + " " + problem + ": it holds the session's MsgSeqNums, " +
            "which the client goes on from. " + putBackOrStartAgain(compId));
    }

    private static String putBackOrStartAgain(final String compId)
    {
        return "Put it back from a backup, or, to start session " + compId + " again at MsgSeqNum 1 on purpose (the " +
            "client resetting too), move all of its files (" + compId + ".*) aside";
    }

    /**
     * Two things only damage makes of the sent index and the header's next outbound MsgSeqNum, read in one pass:
     * <ul>
     *     <li>an entry beyond that number: numbers only grow, and an entry is put just before the header moves past it
     *     (a kill between the two leaves one at the next MsgSeqNum, no further). QA 109 F2: a flipped byte took the
     *     number back 25,856, and the session sent those numbers again over reports its client had, without a word;</li>
     *     <li>report entries below it out of event order: reports go out in the order of their events
     *     ({@link #forgetReportsBeyond} relies on it too), so one below the report entry before it is damaged, or that
     *     one is, and a resend would regenerate another report under its number (QA 109 F2: a Replaced of another
     *     order, and the Canceled it should have resent gap-filled).</li>
     * </ul>
     */
    private static void refuseDamagedSentIndex(final Path headerFile, final Path sentFile, final int nextSender,
        final Path madeFile, final String compId) throws IOException
    {
        if (!Files.isRegularFile(sentFile))
        {
            return;
        }
        final int madeLap = MadeMessages.lapOf(madeFile);
        final long madeBytes = Files.isRegularFile(madeFile) ? Files.size(madeFile) : 0;
        try (FileChannel channel = FileChannel.open(sentFile, StandardOpenOption.READ))
        {
            final long end = channel.size() / MsgSeqNumIndex.ENTRY_BYTES * MsgSeqNumIndex.ENTRY_BYTES;
            final ByteBuffer chunk = ByteBuffer.allocate(ZERO_FILL_BYTES).order(ByteOrder.nativeOrder());
            long lastEntry = 0;
            long lastMsgSeqNum = 0;
            long lastBeyond = 0;
            for (long start = MsgSeqNumIndex.ENTRY_BYTES; start < end; start += chunk.limit())
            {
                chunk.clear().limit((int)Math.min(ZERO_FILL_BYTES, end - start));
                while (chunk.hasRemaining() && channel.read(chunk, start + chunk.position()) >= 0)
                {
                    // a chunk is one read; the loop only guards against a short one
                }
                for (int offset = 0; offset + MsgSeqNumIndex.ENTRY_BYTES <= chunk.position();
                    offset += MsgSeqNumIndex.ENTRY_BYTES)
                {
                    final long entry = chunk.getLong(offset);
                    final long msgSeqNum = (start + offset) / MsgSeqNumIndex.ENTRY_BYTES;
                    if (msgSeqNum > nextSender)
                    {
                        lastBeyond = entry != 0 ? msgSeqNum : lastBeyond;
                    }
                    else if (msgSeqNum < nextSender && isMade(entry))
                    {
                        if (!MadeMessages.couldName(madeRecordOf(entry), madeLap, madeBytes))
                        {
                            throw new UnreadableSessionStateException(sentFile + ": the entry of outbound MsgSeqNum " +
                                msgSeqNum + " is damaged: it names neither a report nor a message " +
                                madeFile.getFileName() + " can hold, and a resend would not know what went out " +
                                "under its number. " + putBackOrStartAgain(compId));
                        }
                    }
                    else if (msgSeqNum < nextSender && entry > NOT_RESENT) // not a made message's record
                    {
                        if (entry < lastEntry)
                        {
                            throw new UnreadableSessionStateException(sentFile + ": the entry of outbound MsgSeqNum " +
                                msgSeqNum + " names event " + eventSequenceOf(entry) + ", before event " +
                                eventSequenceOf(lastEntry) + " of MsgSeqNum " + lastMsgSeqNum + ", where reports go " +
                                "out in the order of their events: one of the two is damaged, and a resend would send " +
                                "another report under its number. " + putBackOrStartAgain(compId));
                        }
                        lastEntry = entry;
                        lastMsgSeqNum = msgSeqNum;
                    }
                }
                if (chunk.position() < chunk.limit())
                {
                    break; // the file ended early: entries it lacks are told at the open (missing or cut short)
                }
            }
            if (lastBeyond > 0)
            {
                throw new UnreadableSessionStateException(headerFile + " gives " + nextSender + " as the next " +
                    "outbound MsgSeqNum, but " + sentFile.getFileName() + " beside it holds an entry for MsgSeqNum " +
                    lastBeyond + ", sent after it: one of them is damaged, and going on would send numbers the client " +
                    "has again. " + putBackOrStartAgain(compId).replace("Put it back", "Put them back"));
            }
        }
    }

    private static boolean allZero(final byte[] bytes)
    {
        for (final byte b : bytes)
        {
            if (b != 0)
            {
                return false;
            }
        }
        return true;
    }

    /** An index file with any bytes: one is made with its first page when its session is, and only grows. */
    private static boolean holdsEntries(final Path index) throws IOException
    {
        return Files.isRegularFile(index) && Files.size(index) > 0;
    }

    /** @param syncBeforeSend {@code sync} durability: msync what changed before anything is sent to the client. */
    static SessionStore open(final Path directory, final String compId, final boolean syncBeforeSend)
    {
        UnusableDirectoryException.create("session state directory", directory);
        refuseUnreadableHeader(directory, compId);
        final SessionStore store = new SessionStore(directory.resolve(compId + ".session"),
            directory.resolve(compId + ".sent"), directory.resolve(compId + ".received"),
            directory.resolve(compId + ".made"), directory.resolve(compId + ".held"), syncBeforeSend);
        if (syncBeforeSend)
        {
            // Files this open made (or grew) are only there after a power cut once written and named in the directory.
            store.headerMapping.force();
            store.sent.forceAll();
            store.received.forceAll();
            store.made.forceAll();
            SnapshotDirectory.forceDirectory(directory);
            final Path parent = directory.toAbsolutePath().getParent();
            if (parent != null)
            {
                SnapshotDirectory.forceDirectory(parent); // the state directory itself may be new too
            }
        }
        return store;
    }

    /**
     * The last event {@code compId}'s state in {@code directory} has a report of (sent or only made), read from its
     * header file without mapping, creating or changing anything: 0 when it has none, or no state there. For the
     * start-up that must tell session state of another journal before it opens one ({@link SessionStateDirectory}).
     */
    static long lastEventReportedIn(final Path directory, final String compId)
    {
        final Path file = directory.resolve(compId + ".session");
        if (!Files.isRegularFile(file))
        {
            return 0;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
        {
            // The header is mapped and written in the platform's order (UnsafeBuffer), so it is read in it.
            final ByteBuffer bytes = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.nativeOrder());
            while (bytes.hasRemaining() && channel.read(bytes) >= 0)
            {
                // a header is one read; the loop only guards against a short one
            }
            if (bytes.hasRemaining() || bytes.getInt(MAGIC_OFFSET) != MAGIC)
            {
                return 0;
            }
            return eventSequenceOf(Math.max(bytes.getLong(LAST_EVENT_OFFSET), bytes.getLong(LAST_ENTRY_MADE_OFFSET)));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read the session state " + file + ": " +
                UnusableDirectoryException.reason(file, ex), ex);
        }
    }

    /**
     * {@code sync} durability: msyncs what changed since the last sync, before the connection writes to the client
     * ({@code Connection.flush}). The indexes first, then the header whose MsgSeqNums refer to them. One msync per
     * file changed, so a duty cycle pays it once per session it writes to, however many messages it wrote; nothing
     * at all in {@code process} durability.
     *
     * <p>Why before sending, and not before the engine publishes: a MsgSeqNum is taken, and a report's entry made, only
     * when the message is encoded, after its event is journaled; and a message received is only answered through
     * here. What a power cut can still take is an inbound message whose command is journaled but whose answer had
     * not gone out: the client has no answer and its MsgSeqNum is expected again, so its resend (PossDupFlag=Y)
     * finds the order by its ClOrdID and gets the order's status, not a second order ({@code OrderEntryAdapter}).
     */
    void syncBeforeSend()
    {
        if (!syncing)
        {
            return;
        }
        sent.force();
        received.force();
        made.force();
        if (held != null)
        {
            held.force();
        }
        if (headerUnsynced)
        {
            headerUnsynced = false;
            headerMapping.force();
        }
    }

    /** Whether {@link #syncBeforeSend} has anything to msync. */
    boolean unsynced()
    {
        return headerUnsynced || sent.unsynced() || received.unsynced() || made.unsynced() ||
            (held != null && held.unsynced());
    }

    /**
     * The session's held rejects ({@link HeldRejects}), their file opened (made when missing) at the first call: at
     * the session's first hold, or at the start when the file is there ({@link #heldRejectsAtStart}).
     */
    HeldRejects heldRejects(final int maxMessageBytes)
    {
        if (held == null)
        {
            held = HeldRejects.open(heldFile, maxMessageBytes);
            if (syncing)
            {
                held.forceAll();
                SnapshotDirectory.forceDirectory(heldFile.toAbsolutePath().getParent());
            }
        }
        return held;
    }

    /** The held rejects a previous run left in {@code <compId>.held}, null when it has no such file. */
    HeldRejects heldRejectsAtStart(final int maxMessageBytes)
    {
        return Files.exists(heldFile) ? heldRejects(maxMessageBytes) : null;
    }

    /** Whether this open made the session's state: it had none (a new session, or its files were removed). */
    boolean created()
    {
        return created;
    }

    /**
     * A session whose state is new, over a journal that already holds events: the reports of those belong to
     * whoever had this session before (or to no one), and sent now as new messages they would reach the client as
     * fills and cancels it had not booked, or had booked already. Both cursors start at the journal's last event,
     * so the session gets the reports of what happens from now on.
     */
    void startAfter(final long lastJournaledEvent)
    {
        final long entry = entry(lastJournaledEvent, ROLE_TAKER);
        headerLong(LAST_EVENT_OFFSET, entry);
        headerLong(LAST_ENTRY_MADE_OFFSET, entry);
    }

    /**
     * The first outbound MsgSeqNum already used whose sent-index entry was not in {@code <compId>.sent} when this
     * store opened (the file was removed or cut short while the header survived), 0 when every one was there. Those
     * messages cannot be resent: the index is the only record of which report went out under which MsgSeqNum (the
     * admin and market data messages between them are journaled nowhere), so a ResendRequest gap-fills them.
     */
    int sentEntriesMissingFrom()
    {
        return sentEntriesMissingFrom;
    }

    /**
     * As {@link #sentEntriesMissingFrom}, for {@code <compId>.received} and the inbound MsgSeqNums already read:
     * those read as having entered nothing, so {@link #rewindToFirstLost} cannot find a command a crash lost among
     * them.
     */
    int receivedEntriesMissingFrom()
    {
        return receivedEntriesMissingFrom;
    }

    /**
     * Whether {@code <compId>.received} was not there at all for a session with state ({@link
     * #receivedEntriesMissingFrom} then counts from 1): removed, or never written, by a build before it was kept.
     */
    boolean receivedFileAbsent()
    {
        return receivedFileAbsent;
    }

    int nextSenderMsgSeqNum()
    {
        return header.getInt(NEXT_SENDER_SEQ_OFFSET);
    }

    int nextTargetMsgSeqNum()
    {
        return header.getInt(NEXT_TARGET_SEQ_OFFSET);
    }

    void nextTargetMsgSeqNum(final int msgSeqNum)
    {
        headerInt(NEXT_TARGET_SEQ_OFFSET, msgSeqNum);
    }

    /** The sent-index entry of the last report this session has been sent: reports are made in entry order. */
    long lastReportEntry()
    {
        return header.getLong(LAST_EVENT_OFFSET);
    }

    void lastReportEntry(final long entry)
    {
        headerLong(LAST_EVENT_OFFSET, entry);
    }

    /**
     * The sent-index entry of the last report made for this session's owner, sent or not: a logon whose
     * {@link #lastReportEntry} is below it needs a catch-up. Kept here, not only in memory, because the
     * gateway starts from a snapshot and does not see the reports made before it again.
     */
    long lastReportEntryMade()
    {
        return header.getLong(LAST_ENTRY_MADE_OFFSET);
    }

    /** Records a report made; re-reading a journal stretch after a restart never moves it back. */
    void reportMade(final long entry)
    {
        if (entry > header.getLong(LAST_ENTRY_MADE_OFFSET))
        {
            headerLong(LAST_ENTRY_MADE_OFFSET, entry);
        }
    }

    /**
     * Start-up after a stop that may have come between a report's MsgSeqNum being taken and the report cursor
     * moving: {@link FixSession#beginReport} takes the number (the sent index then names the report's entry), the
     * report is written, and only then {@link #lastReportEntry} moves. Left behind, the catch-up would send that
     * report again under a new MsgSeqNum, a second message for one event that the client cannot tell from a new one,
     * while a ResendRequest of the old number regenerates it too. So the cursor moves up to the last entry the sent
     * index holds: a client that got that message has it once, and one that did not sees the gap and asks for it,
     * and gets it regenerated from its entry with PossDupFlag=Y.
     *
     * @return the MsgSeqNum of that report when the cursor moved, else 0.
     */
    int settleReportCursor()
    {
        for (int msgSeqNum = nextSenderMsgSeqNum() - 1; msgSeqNum >= 1; msgSeqNum--)
        {
            final long entry = sent.get(msgSeqNum);
            if (entry > NOT_RESENT) // a report's: not one the gateway made, which moves no cursor
            {
                if (entry <= lastReportEntry())
                {
                    return 0;
                }
                headerLong(LAST_EVENT_OFFSET, entry);
                reportMade(entry);
                return msgSeqNum;
            }
        }
        return 0;
    }

    /**
     * Takes the next outbound MsgSeqNum and records what goes out under it.
     *
     * @param entry {@link #entry} for a report made from a journaled event, or {@link #NOT_RESENT}.
     */
    int claimSenderMsgSeqNum(final long entry)
    {
        final int msgSeqNum = header.getInt(NEXT_SENDER_SEQ_OFFSET);
        // The entry first: a crash between the two writes leaves an unused entry, never a gap.
        sent.put(msgSeqNum, entry);
        headerInt(NEXT_SENDER_SEQ_OFFSET, msgSeqNum + 1);
        return msgSeqNum;
    }

    /**
     * Keeps the body of the application message the gateway made itself under {@code msgSeqNum} (claimed with {@link
     * #NOT_RESENT}, so that a crash before this leaves a gap fill), and names its record in the sent index. Left
     * {@link #NOT_RESENT} when the file cannot grow (a full disk): the message still goes out.
     */
    void made(final int msgSeqNum, final int msgType, final long sendingTimeNs, final DirectBuffer body,
        final int bodyOffset, final int bodyLength)
    {
        final long record = made.append(msgType, msgSeqNum, sendingTimeNs, body, bodyOffset, bodyLength);
        if (record >= 0)
        {
            sent.put(msgSeqNum, madeEntry(record));
        }
    }

    /** Whether the made-message {@code entry} of {@code msgSeqNum} names a record the store still holds. */
    boolean holdsMade(final int msgSeqNum, final long entry)
    {
        return made.holds(madeRecordOf(entry), msgSeqNum);
    }

    /**
     * How many sent-index entries name a {@link MadeMessages} record the file does not hold (it was removed or cut
     * short while the index survived), not counting the ones a later lap wrote over as it should: those messages are
     * gap-filled if asked for. A pass over the index, for start-up.
     */
    int madeEntriesLost()
    {
        int lost = 0;
        for (int msgSeqNum = 1; msgSeqNum < nextSenderMsgSeqNum(); msgSeqNum++)
        {
            final long entry = sent.get(msgSeqNum);
            if (isMade(entry) && !holdsMade(msgSeqNum, entry) && !made.writtenOver(madeRecordOf(entry)))
            {
                lost++;
            }
        }
        return lost;
    }

    /** The made messages' store, to resend a record a sent-index entry names ({@link #madeRecordOf}). */
    MadeMessages madeMessages()
    {
        return made;
    }

    /** The sent-index entry of the {@link MadeMessages} {@code record} (its lap and offset): negative, below every report's. */
    static long madeEntry(final long record)
    {
        return -record;
    }

    static boolean isMade(final long entry)
    {
        return entry < NOT_RESENT;
    }

    /** The {@link MadeMessages} record a made entry names, as {@link MadeMessages#append} gave it. */
    static long madeRecordOf(final long entry)
    {
        return -entry;
    }

    /** What went out under {@code msgSeqNum}, {@link #NOT_RESENT} if unknown. */
    long sentEntry(final int msgSeqNum)
    {
        return sent.get(msgSeqNum);
    }

    /**
     * Records what inbound {@code msgSeqNum} entered: {@link #ENTERING} before the expected MsgSeqNum moves
     * past it, then its command sequence or {@link #NOTHING_ENTERED}.
     *
     * @return false, and nothing recorded, when the index must grow to hold the entry and its file cannot be written
     *     ({@link #receivedIndexProblem} says why): the message must not be taken, as a crash would then not know
     *     whether it entered a command. Never for a MsgSeqNum whose entry was written before.
     */
    boolean received(final int msgSeqNum, final long commandSequence)
    {
        if (!received.reserve(msgSeqNum))
        {
            return false;
        }
        received.put(msgSeqNum, commandSequence);
        return true;
    }

    /**
     * Whether the received index holds, or could be grown now to hold, an entry for inbound {@code msgSeqNum} (and so
     * for every number before it); else {@link #receivedIndexProblem} says why. A Logon asks, so that a session whose
     * index cannot be written is refused with the reason rather than dropped at its first message.
     */
    boolean canReceive(final int msgSeqNum)
    {
        return received.reserve(msgSeqNum);
    }

    /** Why the received index last failed to grow ({@link #received}, {@link #canReceive}), or {@code null}. */
    String receivedIndexProblem()
    {
        return received.problem;
    }

    /**
     * Whether the received index last failed to grow because the numbers passed what one file maps, not because the
     * file cannot be written: a sequence reset, which starts it again at 1, is the way on.
     */
    boolean receivedIndexFull()
    {
        return received.full;
    }

    /**
     * The ring size of the run that is entering commands for this session, recorded at start-up, so that the next
     * start's {@link #rewindToFirstLost} bounds the lost commands by the ring they were lost with, not by its own
     * (the size may have been changed in between). 0 when not recorded (a file of an older build).
     */
    int ringCapacity()
    {
        return header.getInt(RING_CAPACITY_OFFSET);
    }

    void ringCapacity(final int capacity)
    {
        headerInt(RING_CAPACITY_OFFSET, capacity);
    }

    /** What inbound {@code msgSeqNum} entered, {@link #NOTHING_ENTERED} if unknown. */
    long receivedEntry(final int msgSeqNum)
    {
        return received.get(msgSeqNum);
    }

    /**
     * Start-up after a crash: takes the next expected inbound MsgSeqNum back to the first message whose command
     * the journal lacks, so that the client's next Logon shows a gap and gets a ResendRequest for it.
     *
     * <p>The rule: commands are journaled in command sequence order, so every command up to {@code
     * lastJournaledCommand} is in the journal and every one after it is lost with the ring. The scan goes back
     * from the last message received, over messages that entered nothing and ones whose command is lost (or
     * that were being entered), and stops at the first one whose command was journaled: this session's
     * commands are entered in MsgSeqNum order, so all before it were journaled too. At most {@code maxLost}
     * commands can have been lost (the ring's size: a slot is reused only once its command is journaled), so
     * the scan gives up past that many, rather than ask a client to resend a whole day over a journal that is
     * not the one these entries were made against.
     *
     * @return the MsgSeqNum now expected when it was taken back, 0 when nothing was lost, -1 when more than
     *     {@code maxLost} messages look lost (nothing is changed).
     */
    int rewindToFirstLost(final long lastJournaledCommand, final int maxLost)
    {
        final int nextTarget = nextTargetMsgSeqNum();
        int firstLost = 0;
        int lost = 0;
        for (int msgSeqNum = nextTarget - 1; msgSeqNum >= 1 && lost <= maxLost; msgSeqNum--)
        {
            final long commandSequence = received.get(msgSeqNum);
            if (commandSequence == NOTHING_ENTERED)
            {
                continue;
            }
            if (commandSequence <= lastJournaledCommand)
            {
                break;
            }
            firstLost = msgSeqNum;
            lost++;
        }
        if (lost > maxLost)
        {
            return -1;
        }
        if (firstLost == 0)
        {
            return 0;
        }
        // The expected MsgSeqNum first: a crash between the writes leaves entries the client's resend rewrites.
        headerInt(NEXT_TARGET_SEQ_OFFSET, firstLost);
        headerInt(REWOUND_FROM_OFFSET, nextTarget);
        for (int msgSeqNum = firstLost; msgSeqNum < nextTarget; msgSeqNum++)
        {
            if (received.get(msgSeqNum) != NOTHING_ENTERED)
            {
                // Only entries written: the numbers a SequenceReset jumped are a hole, which a write would back.
                received.put(msgSeqNum, NOTHING_ENTERED);
            }
        }
        return firstLost;
    }

    /**
     * Start-up over a journal that ends before events this session had reports of: {@code journal repair}
     * truncated it at a corruption, or a power cut in {@code process} durability took its tail. Those events
     * are gone and new ones will take their sequences, so:
     * <ul>
     *     <li>the sent-index entries naming them become {@link #NOT_RESENT}: a ResendRequest gap-fills those
     *     MsgSeqNums instead of regenerating a report of whichever new event takes the sequence;</li>
     *     <li>both report cursors come back to the journal's last event: reports are sent in entry order, so the
     *     session had every report up to it, and the reports of the new events are sent, not taken for ones it
     *     already had.</li>
     * </ul>
     * A session whose reports are all within the journal is left as it is.
     *
     * @param lastJournaledEvent the journal's last event sequence at start-up, before any command of this run.
     * @return the messages whose entries were voided, or -1 when nothing was beyond the journal.
     */
    int forgetReportsBeyond(final long lastJournaledEvent)
    {
        final long lastEntryInJournal = entry(lastJournaledEvent, ROLE_TAKER);
        final long made = lastReportEntryMade();
        final long sentThrough = lastReportEntry();
        if (made <= lastEntryInJournal && sentThrough <= lastEntryInJournal)
        {
            return -1;
        }
        int voided = 0;
        for (int msgSeqNum = nextSenderMsgSeqNum() - 1; msgSeqNum >= 1; msgSeqNum--)
        {
            final long entry = sent.get(msgSeqNum);
            if (entry <= NOT_RESENT)
            {
                continue; // no event's report: a made message's record is not the journal's
            }
            if (entry <= lastEntryInJournal)
            {
                break; // entries grow with the MsgSeqNum: every earlier one is within the journal too
            }
            sent.put(msgSeqNum, NOT_RESENT);
            voided++;
        }
        headerLong(LAST_EVENT_OFFSET, Math.min(sentThrough, lastEntryInJournal));
        headerLong(LAST_ENTRY_MADE_OFFSET, Math.min(made, lastEntryInJournal));
        return voided;
    }

    /**
     * The inbound MsgSeqNum a client's numbers had reached, the one to measure a jump ahead from ({@link
     * FixSession#MAX_SEQUENCE_JUMP}): the expected one, or, until the client is past it again, the one expected before
     * a start-up took it back to messages a crash lost ({@link #rewindToFirstLost}). QA 100: after a crash in a run of
     * SequenceReset jumps, the client's Logon at its own next number was refused as more than a million ahead of the
     * number taken back, and only a reset, which loses the lost orders for good, let it in.
     */
    int reachedTargetMsgSeqNum()
    {
        return Math.max(nextTargetMsgSeqNum(), header.getInt(REWOUND_FROM_OFFSET));
    }

    /** ResetSeqNumFlag or SequenceReset: both directions start again at 1; old entries are void. */
    void reset()
    {
        headerInt(REWOUND_FROM_OFFSET, 0);
        sent.clear();
        received.clear();
        made.reset(); // after the sent index: a crash between the two leaves no entry naming a record reused
        headerInt(NEXT_SENDER_SEQ_OFFSET, 1);
        headerInt(NEXT_TARGET_SEQ_OFFSET, 1);
    }

    private void headerInt(final int offset, final int value)
    {
        header.putInt(offset, value);
        headerUnsynced = true;
    }

    private void headerLong(final int offset, final long value)
    {
        header.putLong(offset, value);
        headerUnsynced = true;
    }

    static long entry(final long eventSequence, final int role)
    {
        return eventSequence << 2 | role;
    }

    static long eventSequenceOf(final long entry)
    {
        return entry >>> 2;
    }

    /**
     * The first event that can hold a report after {@code entry}: the next event, except after a maker's
     * fill, whose trade may also hold the same owner's taker report.
     */
    static long firstEventAfter(final long entry)
    {
        return eventSequenceOf(entry) + ((entry & 3) == ROLE_MAKER ? 0 : 1);
    }

    static int roleOf(final long entry)
    {
        return (int)(entry & 3);
    }

    @Override
    public void close()
    {
        IoUtil.unmap(headerMapping);
        sent.close();
        received.close();
        made.close();
        if (held != null)
        {
            final boolean empty = held.isEmpty();
            held.close();
            if (empty)
            {
                removeEmptyHeldFile();
            }
        }
    }

    /**
     * A {@code .held} with nothing in it is removed at close, so the directory shows which sessions have rejects
     * waiting; the next hold makes it again. One that cannot be removed holds nothing, so it is left.
     */
    private void removeEmptyHeldFile()
    {
        try
        {
            Files.deleteIfExists(heldFile);
        }
        catch (final IOException ignore)
        {
            // Empty: loaded at the next start as a queue with nothing to send.
        }
    }

    static long size(final Path file)
    {
        try
        {
            return Files.exists(file) ? Files.size(file) : 0;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    static MappedByteBuffer map(final Path file, final long bytes)
    {
        return map(file, bytes, bytes);
    }

    /**
     * {@code file} mapped over {@code bytes} (or its size, if larger), written with zeros from its end up to
     * {@code writtenBytes} first; beyond that it is extended by the mapping alone, a hole until written.
     */
    static MappedByteBuffer map(final Path file, final long writtenBytes, final long bytes)
    {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            final FileChannel channel = raf.getChannel();
            final long size = channel.size();
            if (size < writtenBytes)
            {
                writeZeros(file, channel, size, writtenBytes);
            }
            return channel.map(FileChannel.MapMode.READ_WRITE, 0, Math.max(bytes, raf.length()));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot map session file " + file + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * {@code file} mapped again over {@code bytes} (or its size, if larger), then {@code mapping}, its old mapping
     * ({@code null} for none), unmapped: the new mapping first, so that when the file cannot grow (a full disk) the
     * old one stays valid and in use.
     */
    static MappedByteBuffer remap(final Path file, final MappedByteBuffer mapping, final long bytes)
    {
        return remap(file, mapping, bytes, bytes);
    }

    /** As {@link #remap(Path, MappedByteBuffer, long)}, written with zeros only up to {@code writtenBytes}. */
    static MappedByteBuffer remap(final Path file, final MappedByteBuffer mapping, final long writtenBytes,
        final long bytes)
    {
        final MappedByteBuffer grown = map(file, writtenBytes, bytes);
        if (mapping != null)
        {
            IoUtil.unmap(mapping);
        }
        return grown;
    }

    /** As {@link #writeZeros(Path, FileChannel, long, long)}, through a channel opened for it. */
    static void writeZeros(final Path file, final long from, final long to)
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE))
        {
            writeZeros(file, channel, from, to);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write session file " + file + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * Writes zeros over {@code [from, to)} of {@code file}, growing it when {@code to} is past its end. Zeros are
     * written, not a {@code setLength}: a sparse page that the file system cannot back when it is first touched
     * through a mapping is a fault (an InternalError that names no file, or a SIGBUS) in whatever wrote to it. A
     * write says "No space left on device" here instead, where the file is known. It runs when a file grows, never
     * per message.
     */
    private static void writeZeros(final Path file, final FileChannel channel, final long from, final long to)
    {
        try
        {
            final ByteBuffer zeros = ZEROS.duplicate(); // its own position and limit: any thread may grow a file
            long position = from;
            while (position < to)
            {
                zeros.clear().limit((int)Math.min(zeros.capacity(), to - position));
                position += channel.write(zeros, position);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot grow session file " + file + " to " + to + " bytes: " +
                ex.getMessage(), ex);
        }
    }

    /**
     * 8 bytes per MsgSeqNum in a mapped file that grows as the numbers do.
     *
     * <p>The file is sparse: growing it maps more of it without writing anything, and a page is written through the
     * file channel (its own bytes, read through the channel: zeros where it is a hole, which the mapping does not
     * touch first) before the first mapped write into it, so that the file system backs it there. A hole left by
     * numbers a client skipped (a SequenceReset, a Logon ahead) then costs no disk (QA 97: 269 jumps of 1,000,000
     * wrote 2 GB of zeros), and a full disk is still an {@link IOException} naming the file where a page is backed,
     * never a fault in a mapped access (an InternalError naming no file, or a SIGBUS). One page is 512
     * numbers: one 4 KiB write per 512 messages, on the path that writes their entries.
     */
    private static final class MsgSeqNumIndex
    {
        static final int ENTRY_BYTES = 8;
        /** Written whole when the file is made: every file has it backed, whichever build wrote it. */
        private static final long INITIAL_BYTES = 1L << 20;
        /** 16 MiB, two million numbers: a growth maps this much more at most. */
        private static final long MAX_GROWTH_BYTES = 16L << 20;
        private static final int PAGE_BYTES = 4096;

        private final Path file;
        private final UnsafeBuffer entries = new UnsafeBuffer(0, 0);
        private MappedByteBuffer mapping;
        /** The bytes written since the last {@link #force}. */
        private final UnsyncedRange unsynced = new UnsyncedRange();
        /**
         * The pages beyond the first size this run has backed, one range: entries are written in MsgSeqNum order, so
         * the range grows a page at a time. Empty after a remap (the file at the path may be another one).
         */
        private long backedFrom = INITIAL_BYTES;
        private long backedTo = INITIAL_BYTES;
        /** Opened at the first page backed after a remap; the page's bytes are copied through {@link #pageBytes}. */
        private FileChannel channel;
        private ByteBuffer pageBytes;
        /** Why the last {@link #reserve} could not grow the file or back its page, {@code null} when it could. */
        String problem;
        /** The last {@link #reserve} failed for the numbers alone: they passed what one file maps. */
        boolean full;

        /**
         * @param next the next MsgSeqNum of this direction: a file made again (or cut short) is grown over every
         *             number used, its lost entries zero, so the next open finds it whole and the loss is told once.
         */
        MsgSeqNumIndex(final Path file, final int next)
        {
            this.file = file;
            remap(Math.max(INITIAL_BYTES, Math.max(size(file), (long)next * ENTRY_BYTES)));
        }

        void put(final int msgSeqNum, final long entry)
        {
            final long offset = (long)msgSeqNum * ENTRY_BYTES;
            if (offset + ENTRY_BYTES > entries.capacity())
            {
                remap(grownTo(offset));
            }
            if (!backed(offset))
            {
                try
                {
                    back(offset);
                }
                catch (final IOException ex)
                {
                    throw new UncheckedIOException(cannotBack(ex), ex);
                }
            }
            entries.putLong((int)offset, entry);
            unsynced.written(offset, ENTRY_BYTES);
        }

        /**
         * Grows the index, and backs the entry's page, when it does not hold {@code msgSeqNum}'s entry yet. A failure
         * is a value here, not an exception: the file cannot be written (replaced by a directory, its directory
         * read-only, a full disk), or the numbers passed what one file maps; {@link #problem} says which. Costs a few
         * comparisons but when the index grows or a page is backed.
         *
         * @return whether the entry can be put.
         */
        boolean reserve(final int msgSeqNum)
        {
            final long offset = (long)msgSeqNum * ENTRY_BYTES;
            final boolean fits = offset + ENTRY_BYTES <= entries.capacity();
            if (fits && problem == null && backed(offset))
            {
                return true;
            }
            try
            {
                if (!fits || problem != null)
                {
                    // After a failure the file at the path is mapped again even when the entry fits: the old mapping
                    // may be of a file no longer there (replaced, moved aside), and a Logon with a sequence reset,
                    // which needs no growth, must not be let in to write to it (the next start would find the path
                    // still unusable).
                    remap(fits ? entries.capacity() : grownTo(offset));
                }
                if (!backed(offset))
                {
                    back(offset);
                }
                problem = null;
                full = false;
                return true;
            }
            catch (final IOException ex)
            {
                problem = cannotBack(ex);
                full = false;
                return false;
            }
            catch (final UncheckedIOException | IllegalStateException ex)
            {
                problem = ex.getMessage();
                full = ex instanceof IllegalStateException;
                return false;
            }
        }

        /**
         * The size to grow to for an entry at {@code offset}: doubled while small, then by at most
         * {@link #MAX_GROWTH_BYTES}, each growth a remap of the whole file.
         */
        private long grownTo(final long offset)
        {
            final long capacity = entries.capacity();
            return Math.max(offset + ENTRY_BYTES, capacity + Math.min(capacity, MAX_GROWTH_BYTES));
        }

        private boolean backed(final long offset)
        {
            return offset < INITIAL_BYTES || (offset >= backedFrom && offset < backedTo);
        }

        /**
         * Writes the page holding {@code offset} through the file channel with the bytes the file holds there (zeros
         * in a hole or past its end), so that the file system allocates it now, where a full disk is an error that
         * names the file. The bytes are read through the channel, never through the mapping: on tmpfs a mapped read
         * of a hole allocates the page too, and on a full file system that read is the fault (QA 125 F6); a read
         * through the channel allocates nothing. The mapping is shared, so it shows what the channel reads.
         */
        private void back(final long offset) throws IOException
        {
            final long page = offset & -PAGE_BYTES;
            final int length = (int)Math.min(PAGE_BYTES, entries.capacity() - page);
            if (channel == null)
            {
                channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
                if (pageBytes == null)
                {
                    pageBytes = ByteBuffer.allocateDirect(PAGE_BYTES);
                }
            }
            pageBytes.clear().limit(length);
            while (pageBytes.hasRemaining() && channel.read(pageBytes, page + pageBytes.position()) >= 0)
            {
                // A short read goes on from where it stopped; the end of the file ends it.
            }
            while (pageBytes.hasRemaining())
            {
                pageBytes.put((byte)0); // past the file's end (cut short behind the mapping): zeros, as a hole
            }
            pageBytes.flip();
            while (pageBytes.hasRemaining())
            {
                channel.write(pageBytes, page + pageBytes.position());
            }
            if (page != backedTo)
            {
                backedFrom = page;
            }
            backedTo = page + length;
        }

        private String cannotBack(final IOException ex)
        {
            return "cannot write session file " + file + ": " + ex.getMessage();
        }

        /**
         * The first MsgSeqNum below {@code next} whose entry {@code file} does not hold (it is missing or shorter
         * than that entry's end), 0 when it holds them all.
         */
        static int missingFrom(final Path file, final int next)
        {
            final long firstMissing = Math.max(1, size(file) / ENTRY_BYTES);
            return firstMissing < next ? (int)firstMissing : 0;
        }

        /** The entry, 0 if none was ever put. */
        long get(final int msgSeqNum)
        {
            final long offset = (long)msgSeqNum * ENTRY_BYTES;
            return msgSeqNum <= 0 || offset + ENTRY_BYTES > entries.capacity() ? 0 : entries.getLong((int)offset);
        }

        /**
         * Every entry zero, the file back to its first size: zeroing the whole of a file a session's numbers had grown
         * to held every session for seconds at its sequence reset (QA 96: 2 GB).
         */
        void clear()
        {
            if (entries.capacity() > INITIAL_BYTES)
            {
                shrinkToInitial();
            }
            entries.setMemory(0, (int)Math.min(entries.capacity(), INITIAL_BYTES), (byte)0);
            unsynced.written(0, entries.capacity());
        }

        /**
         * Puts a file of the first {@link #INITIAL_BYTES}, all zero, in place of the old one (written and fsynced
         * under another name, then renamed over it, the directory fsynced: a power cut leaves the one or the other),
         * maps it and unmaps the old one. The old file's blocks are freed on another thread, which holds it open until
         * then: a cut of a file a session's numbers took far ahead, on the gateway thread, held every session 0.3 s
         * (QA 97: a 2 GB file in 269 jumps). Where the new file cannot be made, the old one is zeroed beyond the first
         * size through the file channel (a mapped write could fault in a hole), so that no entry of the old numbering
         * is left there for the next start to find.
         */
        private void shrinkToInitial()
        {
            unsynced.clear(); // what it covers is zeroed and written again below
            closeChannel();
            final Path fresh = file.resolveSibling(file.getFileName() + ".reset");
            FileChannel old = null;
            try
            {
                try (FileChannel channel = FileChannel.open(fresh, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING))
                {
                    writeZeros(fresh, channel, 0, INITIAL_BYTES);
                    channel.force(true);
                }
                old = FileChannel.open(file, StandardOpenOption.READ);
                Files.move(fresh, file, StandardCopyOption.ATOMIC_MOVE);
                SnapshotDirectory.forceDirectory(file.toAbsolutePath().getParent());
                remap(INITIAL_BYTES); // the file at the path is the new one: the old mapping is unmapped
                releaseLater(old);
            }
            catch (final IOException | UncheckedIOException ex)
            {
                closeQuietly(old);
                try
                {
                    Files.deleteIfExists(fresh);
                }
                catch (final IOException ignore)
                {
                    // Left over: the next reset writes it again from the start.
                }
                remap(Math.max(INITIAL_BYTES, size(file)));
                writeZeros(file, INITIAL_BYTES, entries.capacity());
            }
        }

        /** Closes {@code old} on a thread of its own: the file system frees an unlinked file's blocks at its close. */
        private static void releaseLater(final FileChannel old)
        {
            final Thread release = new Thread(() -> closeQuietly(old), "session-file-release");
            release.setDaemon(true);
            release.start();
        }

        private static void closeQuietly(final FileChannel channel)
        {
            if (channel != null)
            {
                try
                {
                    channel.close();
                }
                catch (final IOException ignore)
                {
                    // Nothing is read or written through it again.
                }
            }
        }

        boolean unsynced()
        {
            return !unsynced.isEmpty();
        }

        void forceAll()
        {
            mapping.force();
            unsynced.clear();
        }

        /** msyncs the range written since the last force. */
        void force()
        {
            unsynced.force(mapping);
        }

        void close()
        {
            closeChannel();
            IoUtil.unmap(mapping);
        }

        private void closeChannel()
        {
            backedFrom = INITIAL_BYTES;
            backedTo = INITIAL_BYTES;
            closeQuietly(channel); // every write through it was complete: a close loses nothing
            channel = null;
        }

        /** The first size written whole (zeros where the file is shorter), the rest mapped without writing: sparse. */
        private void remap(final long bytes)
        {
            if (bytes > Integer.MAX_VALUE)
            {
                throw new IllegalStateException(file + ": more than " + Integer.MAX_VALUE / ENTRY_BYTES +
                    " messages in one session");
            }
            mapping = SessionStore.remap(file, mapping, INITIAL_BYTES, bytes);
            entries.wrap(mapping);
            closeChannel();
        }
    }
}
