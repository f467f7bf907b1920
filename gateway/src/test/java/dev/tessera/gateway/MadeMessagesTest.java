package dev.tessera.gateway;

import dev.tessera.fix.MsgTypes;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The store of the application messages the gateway makes itself ({@code <compId>.made}), and the sent-index entries
 * that name its records: kept across reopening, grown past the first mapping, emptied with the sent index, refused when
 * of an unknown version, and never taken for a report's entry by the start-up rules.
 */
class MadeMessagesTest
{
    @TempDir
    Path directory;

    @Test
    void shouldReadBackWhatWasAppendedAlsoAfterGrowingAndReopening()
    {
        final Path file = directory.resolve("CLIENT1.made");
        final int messages = 12_000; // ~1.8 MiB of records: past the 1 MiB first mapping
        final long[] offsets = new long[messages];
        try (MadeMessages made = new MadeMessages(file))
        {
            for (int i = 0; i < messages; i++)
            {
                final byte[] body = body(i);
                offsets[i] = made.append(MsgTypes.EXECUTION_REPORT, i + 1, 1_000L + i, new UnsafeBuffer(body), 0,
                    body.length);
                assertThat(offsets[i]).isGreaterThanOrEqualTo(MadeMessages.HEADER_BYTES);
            }
            assertRecords(made, offsets);
        }
        try (MadeMessages made = new MadeMessages(file))
        {
            assertRecords(made, offsets);
            assertThat(made.holds(offsets[5], 7)).as("a record is only taken for its own MsgSeqNum").isFalse();
            assertThat(made.holds(made.end(), messages + 1)).as("nothing beyond the end").isFalse();
            assertThat(made.holds(offsets[1] + 8, 2)).as("nor inside a record").isFalse();

            made.reset();
            assertThat(made.holds(offsets[0], 1)).as("emptied").isFalse();
            final byte[] body = body(9);
            assertThat(made.append(MsgTypes.BUSINESS_MESSAGE_REJECT, 1, 5, new UnsafeBuffer(body), 0, body.length))
                .as("the space is used again").isEqualTo(MadeMessages.HEADER_BYTES);
        }
        try (MadeMessages made = new MadeMessages(file))
        {
            assertThat(made.end()).as("the reset survives reopening").isGreaterThan(MadeMessages.HEADER_BYTES)
                .isLessThan(offsets[2]);
            assertThat(made.msgType(MadeMessages.HEADER_BYTES)).isEqualTo(MsgTypes.BUSINESS_MESSAGE_REJECT);
        }
    }

    /**
     * A client flooding past its throttle made 25 MB of rejects a second, all kept until a sequence reset (2 GiB a
     * session, then the disk). The file now holds the last {@link MadeMessages#MAX_BYTES} of records: past that it
     * writes from the start again, the records written over are no longer held (a resend gap-fills them), and the
     * rest of the lap before are, also after reopening.
     */
    @Test
    void shouldKeepOnlyTheLastRecordsWithinItsBound() throws Exception
    {
        final Path file = directory.resolve("FLOOD.made");
        final byte[] body = ("58=throttle exceeded " + "x".repeat(4000) + "\u0001").getBytes(StandardCharsets.US_ASCII);
        final int perLap = (int)(MadeMessages.MAX_BYTES / 4048); // each record takes 4,048 bytes with its header
        final int messages = perLap + perLap / 2;
        final long[] records = new long[messages + 1];
        try (MadeMessages made = new MadeMessages(file))
        {
            for (int msgSeqNum = 1; msgSeqNum <= messages; msgSeqNum++)
            {
                records[msgSeqNum] = made.append(MsgTypes.EXECUTION_REPORT, msgSeqNum, msgSeqNum, new UnsafeBuffer(body),
                    0, body.length);
                assertThat(records[msgSeqNum]).isPositive();
            }
            assertThat(Files.size(file)).isLessThanOrEqualTo(MadeMessages.MAX_BYTES);
            assertHeldFrom(made, records, perLap / 2 + 1);
        }
        // Every record of both laps is one the start's check of the sent index takes for a made message's (QA 112)
        final int lap = MadeMessages.lapOf(file);
        assertThat(lap).isEqualTo(1);
        for (int msgSeqNum = 1; msgSeqNum <= messages; msgSeqNum++)
        {
            assertThat(MadeMessages.couldName(records[msgSeqNum], lap, Files.size(file))).isTrue();
        }
        assertThat(MadeMessages.couldName(records[messages] + (2L << 32), lap, Files.size(file))).as("two laps on").isFalse();
        assertThat(MadeMessages.couldName(records[messages] + 4, lap, Files.size(file))).as("not 8-aligned").isFalse();
        assertThat(MadeMessages.couldName(SessionStore.madeRecordOf(SessionStore.entry(12_345, 1) | Long.MIN_VALUE), lap,
            Files.size(file))).as("a report's entry, its sign bit flipped").isFalse();
        try (MadeMessages made = new MadeMessages(file))
        {
            assertHeldFrom(made, records, perLap / 2 + 1);
            assertThat(made.writtenOver(records[1])).as("not lost: written over").isTrue();
            assertThat(made.writtenOver(records[perLap / 2 + 1])).isFalse();
            made.reset();
            assertThat(made.holds(records[messages], messages)).as("emptied").isFalse();
            assertThat(made.holds(records[perLap], perLap)).as("the lap before too").isFalse();
        }
    }

    /** Every record from {@code firstHeld} on is held whole, and each before it is not. */
    private static void assertHeldFrom(final MadeMessages made, final long[] records, final int firstHeld)
    {
        for (int msgSeqNum = 1; msgSeqNum < records.length; msgSeqNum++)
        {
            final long record = records[msgSeqNum];
            assertThat(made.holds(record, msgSeqNum)).as("MsgSeqNum %d", msgSeqNum).isEqualTo(msgSeqNum >= firstHeld);
            if (msgSeqNum >= firstHeld)
            {
                assertThat(made.sendingTimeNs(record)).isEqualTo(msgSeqNum);
                assertThat(made.bodyLength(record)).isEqualTo(4022);
            }
        }
    }

    /**
     * A file cut short inside a record (QA 89: a truncated copy) keeps the whole records before the cut: the one cut in
     * two and every one after it are no longer held (gap-filled if asked for), and new ones go after the last whole
     * one. Before, the end its header recorded was believed, and the cut record's zero-filled remainder was resent.
     */
    @Test
    void shouldHoldOnlyTheWholeRecordsOfAFileCutShort() throws Exception
    {
        final Path file = directory.resolve("CLIENT1.made");
        final long[] offsets = new long[3];
        try (MadeMessages made = new MadeMessages(file))
        {
            for (int i = 0; i < offsets.length; i++)
            {
                final byte[] body = body(i);
                offsets[i] = made.append(MsgTypes.EXECUTION_REPORT, i + 1, 1_000L + i, new UnsafeBuffer(body), 0,
                    body.length);
            }
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.setLength(offsets[1] + 30); // inside the second record's body
        }

        try (MadeMessages made = new MadeMessages(file))
        {
            assertRecords(made, new long[] {offsets[0]});
            assertThat(made.holds(offsets[1], 2)).as("cut in two").isFalse();
            assertThat(made.holds(offsets[2], 3)).as("after the cut").isFalse();
            assertThat(made.end()).isEqualTo(offsets[1]);
        }
    }

    @Test
    void shouldRefuseAFileOfAnUnknownVersionOrFormat() throws Exception
    {
        final Path file = directory.resolve("CLIENT1.made");
        new MadeMessages(file).close();
        final ByteBuffer version = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(0, 2);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.getChannel().write(version, 4);
        }
        assertThatThrownBy(() -> new MadeMessages(file)).isInstanceOf(UnreadableSessionStateException.class)
            .hasMessage(file + ": unknown made-message file version 2; move it aside to have the next start write it " +
                "again (the gateway's own rejects in it are then gap-filled if a client asks for them again)");

        final Path other = directory.resolve("OTHER.made");
        Files.write(other, "not a made-message file at all".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> new MadeMessages(other)).isInstanceOf(UnreadableSessionStateException.class)
            .hasMessageContaining(other + ": not a made-message file");

        // Through the session store: refused before any other file of the session is mapped or changed.
        assertThatThrownBy(() -> SessionStore.open(directory, "CLIENT1"))
            .isInstanceOf(UnreadableSessionStateException.class);
        assertThat(directory.resolve("CLIENT1.session")).doesNotExist();

        // And by the start's check of every session's files, which reads them before the journal is opened (QA 111:
        // only the store's open, after the gateway's recovery, found it).
        final byte[] before = Files.readAllBytes(file);
        assertThatThrownBy(() -> SessionStore.refuseUnreadableHeader(directory, "CLIENT1"))
            .isInstanceOf(UnreadableSessionStateException.class)
            .hasMessage(file + ": unknown made-message file version 2; move it aside to have the next start write it " +
                "again (the gateway's own rejects in it are then gap-filled if a client asks for them again)");
        assertThatThrownBy(() -> SessionStore.refuseUnreadableHeader(directory, "OTHER"))
            .isInstanceOf(UnreadableSessionStateException.class)
            .hasMessageContaining(other + ": not a made-message file");
        assertThat(Files.readAllBytes(file)).as("only read").isEqualTo(before);
        assertThat(directory.resolve("CLIENT1.session")).doesNotExist();
        SessionStore.refuseUnreadableHeader(directory, "NEW"); // no files: a new session
    }

    /**
     * A made message's sent-index entry names its record, is emptied with the sent index by a sequence reset, and is
     * skipped by the start-up rules that read entries as event sequences (the report cursor, a journal cut short).
     */
    @Test
    void shouldNameMadeRecordsInTheSentIndexApartFromReports()
    {
        final long report = SessionStore.entry(10, SessionStore.ROLE_REPORT);
        final byte[] body = body(1);
        try (SessionStore store = SessionStore.open(directory, "CLIENT1"))
        {
            store.claimSenderMsgSeqNum(SessionStore.NOT_RESENT); // 1: Logon
            store.claimSenderMsgSeqNum(report); // 2: a report, cursor not moved yet (a stop came first)
            store.reportMade(report);
            final int rejected = store.claimSenderMsgSeqNum(SessionStore.NOT_RESENT); // 3: a throttle reject
            store.made(rejected, MsgTypes.EXECUTION_REPORT, 42, new UnsafeBuffer(body), 0, body.length);
            assertThat(SessionStore.isMade(store.sentEntry(3))).isTrue();
            assertThat(store.holdsMade(3, store.sentEntry(3))).isTrue();
            assertThat(store.holdsMade(2, store.sentEntry(3))).isFalse();
        }
        try (SessionStore store = SessionStore.open(directory, "CLIENT1"))
        {
            final long made = store.sentEntry(3);
            assertThat(store.holdsMade(3, made)).as("kept across reopening").isTrue();
            assertThat(store.madeMessages().sendingTimeNs(SessionStore.madeRecordOf(made))).isEqualTo(42);
            assertThat(store.settleReportCursor()).as("the report, not the made message after it").isEqualTo(2);
            assertThat(store.lastReportEntry()).isEqualTo(report);

            assertThat(store.forgetReportsBeyond(5)).as("the report of event 10 is voided, the made message kept")
                .isEqualTo(1);
            assertThat(store.sentEntry(2)).isEqualTo(SessionStore.NOT_RESENT);
            assertThat(store.sentEntry(3)).isEqualTo(made);

            store.reset();
            assertThat(store.sentEntry(3)).isEqualTo(SessionStore.NOT_RESENT);
            assertThat(store.holdsMade(3, made)).as("emptied with the sent index").isFalse();
        }
    }

    /**
     * Records written over by a later lap are not held, as they should not be, and so are not counted as lost at the
     * start (the WARNING for a file removed or cut short); the ones a cut took are.
     */
    @Test
    void shouldNotTakeRecordsWrittenOverForRecordsLost() throws Exception
    {
        final byte[] body = ("58=throttle exceeded " + "x".repeat(4000) + "\u0001").getBytes(StandardCharsets.US_ASCII);
        final int messages = (int)(MadeMessages.MAX_BYTES / 4048) * 3 / 2;
        try (SessionStore store = SessionStore.open(directory, "FLOOD"))
        {
            for (int i = 0; i < messages; i++)
            {
                final int msgSeqNum = store.claimSenderMsgSeqNum(SessionStore.NOT_RESENT);
                store.made(msgSeqNum, MsgTypes.EXECUTION_REPORT, i, new UnsafeBuffer(body), 0, body.length);
            }
            assertThat(store.holdsMade(1, store.sentEntry(1))).isFalse();
            assertThat(store.holdsMade(messages, store.sentEntry(messages))).isTrue();
        }
        try (SessionStore store = SessionStore.open(directory, "FLOOD"))
        {
            assertThat(store.madeEntriesLost()).isZero();
        }
        try (RandomAccessFile raf = new RandomAccessFile(directory.resolve("FLOOD.made").toFile(), "rw"))
        {
            raf.setLength(MadeMessages.MAX_BYTES / 2 + 4048 * 100); // the end of this lap, 100 more of the lap before
        }
        try (SessionStore store = SessionStore.open(directory, "FLOOD"))
        {
            assertThat(store.madeEntriesLost()).as("the lap before's records past the cut").isPositive();
        }
    }

    private static void assertRecords(final MadeMessages made, final long[] offsets)
    {
        for (int i = 0; i < offsets.length; i++)
        {
            assertThat(made.holds(offsets[i], i + 1)).isTrue();
            assertThat(made.msgType(offsets[i])).isEqualTo(MsgTypes.EXECUTION_REPORT);
            assertThat(made.sendingTimeNs(offsets[i])).isEqualTo(1_000L + i);
            assertThat(made.buffer().getStringWithoutLengthAscii(made.bodyOffset(offsets[i]),
                made.bodyLength(offsets[i]))).isEqualTo(new String(body(i), StandardCharsets.US_ASCII));
        }
    }

    private static byte[] body(final int i)
    {
        return ("11=order" + i + "\u000137=NONE\u0001150=8\u000139=8\u000158=throttle exceeded " + "x".repeat(i % 97) +
            "\u0001").getBytes(StandardCharsets.US_ASCII);
    }
}
