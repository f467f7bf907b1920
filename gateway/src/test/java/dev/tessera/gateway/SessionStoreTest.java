package dev.tessera.gateway;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The received index and the start-up rule that asks again for messages whose commands a crash lost; the sent
 * index's rule for reports of events a journal no longer holds.
 */
class SessionStoreTest
{
    private static final long JOURNALED = 100; // the journal's last command sequence
    private static final int RING = 8;

    @TempDir
    Path directory;

    /**
     * A received index that must grow and cannot (its file replaced by a directory) says so as a value: nothing is
     * recorded, and the reason names the file; entries it holds already can still be written. Once the file is back,
     * it grows.
     */
    @Test
    void shouldTellWhenTheReceivedIndexCannotGrowAndGrowOnceItCan() throws Exception
    {
        final Path received = directory.resolve("GROW.received");
        final Path aside = directory.resolve("GROW.received.aside");
        final int firstBeyond = (1 << 20) / 8; // the first MiB holds MsgSeqNums 0 to 131071
        try (SessionStore store = SessionStore.open(directory, "GROW", false))
        {
            Files.move(received, aside); // the store keeps its mapping of the file, now named aside
            Files.createDirectory(received);
            assertThat(store.received(firstBeyond - 1, SessionStore.ENTERING)).isTrue();
            assertThat(store.canReceive(firstBeyond)).isFalse();
            assertThat(store.received(firstBeyond, SessionStore.ENTERING)).isFalse();
            assertThat(store.receivedIndexProblem()).startsWith("cannot map session file " + received);
            assertThat(store.receivedEntry(firstBeyond)).isZero();

            Files.delete(received);
            Files.move(aside, received);
            assertThat(store.canReceive(firstBeyond)).isTrue();
            assertThat(store.receivedIndexProblem()).isNull();
            assertThat(store.received(firstBeyond, 7)).isTrue();
            assertThat(store.receivedEntry(firstBeyond)).isEqualTo(7);
            assertThat(store.receivedEntry(firstBeyond - 1)).isEqualTo(SessionStore.ENTERING);
        }
    }

    /**
     * A stop between a report's MsgSeqNum being taken and its cursor moving: the cursor moves up to the report at
     * start-up, so the catch-up does not send it again as a new message. A store whose cursor is there already, or
     * whose last messages are admin ones after the last report, is left as it is.
     */
    @Test
    void shouldMoveTheReportCursorToTheLastReportWhoseMsgSeqNumWasTaken()
    {
        final long first = SessionStore.entry(10, SessionStore.ROLE_TAKER);
        final long second = SessionStore.entry(12, SessionStore.ROLE_MAKER);
        try (SessionStore store = SessionStore.open(directory, "STOPPED", false))
        {
            store.claimSenderMsgSeqNum(SessionStore.NOT_RESENT); // 1: Logon
            store.claimSenderMsgSeqNum(first);                   // 2
            store.lastReportEntry(first);
            store.claimSenderMsgSeqNum(second);                  // 3: the stop comes before its cursor moves
        }
        try (SessionStore store = SessionStore.open(directory, "STOPPED", false))
        {
            assertThat(store.lastReportEntry()).isEqualTo(first);
            assertThat(store.settleReportCursor()).isEqualTo(3);
            assertThat(store.lastReportEntry()).isEqualTo(second);
            assertThat(store.lastReportEntryMade()).isEqualTo(second);
            assertThat(store.sentEntry(3)).as("a ResendRequest still regenerates it").isEqualTo(second);

            store.claimSenderMsgSeqNum(SessionStore.NOT_RESENT); // 4: Heartbeat
            assertThat(store.settleReportCursor()).as("settled: nothing moves").isZero();
            assertThat(store.lastReportEntry()).isEqualTo(second);
        }
        try (SessionStore store = SessionStore.open(directory, "NO-REPORTS", false))
        {
            store.claimSenderMsgSeqNum(SessionStore.NOT_RESENT);
            assertThat(store.settleReportCursor()).isZero();
        }
    }

    /**
     * A session file removed or cut short while the header survived: its lost entries would read as "not resent" and
     * "entered nothing"; the store says from which MsgSeqNum they are missing, so start-up can warn.
     */
    @Test
    void shouldTellFromWhichMsgSeqNumAnIndexRemovedOrCutShortLacksEntries() throws Exception
    {
        try (SessionStore store = SessionStore.open(directory, "CUT", false))
        {
            assertThat(store.sentEntriesMissingFrom()).as("a new session lacks nothing").isZero();
            for (int i = 1; i <= 5; i++)
            {
                store.claimSenderMsgSeqNum(SessionStore.entry(10 + i, SessionStore.ROLE_REPORT));
                store.received(i, SessionStore.NOTHING_ENTERED);
            }
            store.nextTargetMsgSeqNum(6);
        }
        try (SessionStore store = SessionStore.open(directory, "CUT", false))
        {
            assertThat(store.sentEntriesMissingFrom()).as("both files intact").isZero();
            assertThat(store.receivedEntriesMissingFrom()).isZero();
        }

        Files.delete(directory.resolve("CUT.sent"));
        try (RandomAccessFile received = new RandomAccessFile(directory.resolve("CUT.received").toFile(), "rw"))
        {
            received.setLength(4 * 8 + 3); // MsgSeqNum 1 to 3 whole, 4 cut in the middle
        }
        try (SessionStore store = SessionStore.open(directory, "CUT", false))
        {
            assertThat(store.sentEntriesMissingFrom()).isEqualTo(1);
            assertThat(store.sentEntry(2)).isEqualTo(SessionStore.NOT_RESENT);
            assertThat(store.receivedEntriesMissingFrom()).isEqualTo(4);
        }
        try (SessionStore store = SessionStore.open(directory, "CUT", false))
        {
            assertThat(store.sentEntriesMissingFrom()).as("told once: the file is whole again, if empty").isZero();
        }

        // More MsgSeqNums than a new file's first size holds (1 MiB, 131,072 entries): made again over all of them.
        final int sent = 140_000;
        try (SessionStore store = SessionStore.open(directory, "LONG", false))
        {
            for (int i = 1; i <= sent; i++)
            {
                store.claimSenderMsgSeqNum(SessionStore.NOT_RESENT);
            }
        }
        Files.delete(directory.resolve("LONG.sent"));
        try (SessionStore store = SessionStore.open(directory, "LONG", false))
        {
            assertThat(store.sentEntriesMissingFrom()).isEqualTo(1);
        }
        try (SessionStore store = SessionStore.open(directory, "LONG", false))
        {
            assertThat(store.sentEntriesMissingFrom()).as("told once").isZero();
            assertThat(store.claimSenderMsgSeqNum(SessionStore.NOT_RESENT)).isEqualTo(sent + 1);
        }
    }

    @Test
    void shouldExpectTheFirstMessageWhoseCommandIsBeyondTheJournal()
    {
        try (SessionStore store = received(0, 99, 0, 100, 0, 101, 0, 102, SessionStore.ENTERING))
        {
            // 1 the Logon, 2 and 4 journaled, 6 and 8 lost, 9 being entered; 3, 5, 7 entered nothing.
            assertThat(store.rewindToFirstLost(JOURNALED, RING)).isEqualTo(6);
            assertThat(store.nextTargetMsgSeqNum()).isEqualTo(6);
            assertThat(store.receivedEntry(6)).as("cleared: the resend records them again").isZero();
            assertThat(store.receivedEntry(9)).isZero();
            assertThat(store.receivedEntry(4)).isEqualTo(100);
        }
    }

    @Test
    void shouldAskAgainForAMessageBeingEnteredAtTheCrash()
    {
        try (SessionStore store = received(0, 100, 0, SessionStore.ENTERING))
        {
            assertThat(store.rewindToFirstLost(JOURNALED, RING)).isEqualTo(4);
            assertThat(store.nextTargetMsgSeqNum()).isEqualTo(4);
        }
    }

    @Test
    void shouldChangeNothingWhenEveryCommandIsJournaled()
    {
        try (SessionStore store = received(0, 98, 0, 100, 0, 0))
        {
            assertThat(store.rewindToFirstLost(JOURNALED, RING)).isZero();
            assertThat(store.nextTargetMsgSeqNum()).isEqualTo(7);
        }
    }

    @Test
    void shouldChangeNothingForASessionThatNeverEnteredACommand()
    {
        try (SessionStore store = received(0, 0, 0))
        {
            assertThat(store.rewindToFirstLost(JOURNALED, RING)).isZero();
            assertThat(store.nextTargetMsgSeqNum()).isEqualTo(4);
        }
    }

    @Test
    void shouldAskAgainFromTheFirstMessageWhenNoneWasJournaled()
    {
        try (SessionStore store = received(0, 101, 102))
        {
            assertThat(store.rewindToFirstLost(JOURNALED, RING)).isEqualTo(2);
        }
    }

    @Test
    void shouldRefuseToRewindMoreThanTheRingCouldHaveLost()
    {
        // Nine commands beyond the journal with a ring of eight: these entries were not made against this journal.
        try (SessionStore store = received(0, 101, 102, 103, 104, 105, 106, 107, 108, 109))
        {
            assertThat(store.rewindToFirstLost(JOURNALED, RING)).isEqualTo(-1);
            assertThat(store.nextTargetMsgSeqNum()).isEqualTo(11);
        }
    }

    @Test
    void shouldForgetTheReceivedIndexOnReset()
    {
        try (SessionStore store = received(0, 101))
        {
            store.reset();
            assertThat(store.receivedEntry(2)).isZero();
            assertThat(store.rewindToFirstLost(JOURNALED, RING)).isZero();
            assertThat(store.nextTargetMsgSeqNum()).isEqualTo(1);
        }
    }

    /**
     * QA 96: a session whose numbers went high left index files of gigabytes, zeroed whole at its next reset while
     * every session waited. A growth is now at most 16 MiB beyond the old size, and a reset takes the files back to
     * their first MiB, all zero, also after a reopen.
     */
    @Test
    void shouldGrowTheIndexInBoundedStepsAndTakeItBackToItsFirstSizeAtAReset() throws Exception
    {
        final Path received = directory.resolve("BIG.received");
        final int high = 5_000_000; // 40 MB of entries
        try (SessionStore store = SessionStore.open(directory, "BIG", false))
        {
            assertThat(store.received(3_000_000, 11)).isTrue();
            assertThat(Files.size(received)).as("grown to the entry, not doubled past it").isEqualTo(3_000_001L * 8);
            assertThat(store.received(high, 12)).isTrue();
            assertThat(Files.size(received)).as("by at most 16 MiB more").isEqualTo(3_000_001L * 8 + (16L << 20));
            // A kill between the new file's making and its rename left one: the reset writes it again.
            Files.write(directory.resolve("BIG.received.reset"), new byte[]{1, 2, 3});

            store.reset();

            assertThat(Files.size(received)).isEqualTo(1L << 20);
            assertThat(directory.resolve("BIG.received.reset")).doesNotExist();
            assertThat(store.receivedEntry(high)).isZero();
            assertThat(store.receivedEntry(3_000_000)).isZero();
            assertThat(store.received(5, 13)).isTrue();
        }
        try (SessionStore reopened = SessionStore.open(directory, "BIG", false))
        {
            assertThat(Files.size(received)).isEqualTo(1L << 20);
            assertThat(reopened.receivedEntry(5)).isEqualTo(13);
            assertThat(reopened.receivedEntry(high)).isZero();
        }
    }

    /**
     * QA 97: each SequenceReset could move the numbers 1,000,000 on, and the index wrote 8 MB of zeros for every
     * jump: 269 of them took one session's file to 2 GB on disk. The numbers a jump skips are now a hole: the disk
     * holds the pages entries were written to, and the entries read back the same, also after a reopen and a rewind
     * over a jump.
     */
    @Test
    void shouldLeaveTheNumbersAJumpSkippedAHoleOnDisk() throws Exception
    {
        assumeSparseFiles();
        final Path received = directory.resolve("JUMPS.received");
        final int jumps = 40;
        final int jump = 1_000_000;
        try (SessionStore store = SessionStore.open(directory, "JUMPS", false))
        {
            for (int i = 1; i <= jumps; i++)
            {
                assertThat(store.received(i * jump, i)).isTrue();
                assertThat(store.received(i * jump + 1, SessionStore.NOTHING_ENTERED)).isTrue();
            }
            store.nextTargetMsgSeqNum(jumps * jump + 2);
            assertThat(Files.size(received)).isGreaterThan((long)jumps * jump * 8);
            assertThat(allocatedBytes(received)).as("the first MiB and about a page a jump")
                .isLessThan((1L << 20) + jumps * 3 * 4096L);
        }
        try (SessionStore reopened = SessionStore.open(directory, "JUMPS", false))
        {
            for (int i = 1; i <= jumps; i++)
            {
                assertThat(reopened.receivedEntry(i * jump)).isEqualTo(i);
                assertThat(reopened.receivedEntry(i * jump - 1)).isZero();
            }
            // The last two commands lost: the rewind clears their entries, and the hole before them stays one.
            assertThat(reopened.rewindToFirstLost(jumps - 2, RING)).isEqualTo((jumps - 1) * jump);
            assertThat(reopened.receivedEntry((jumps - 1) * jump)).isZero();
            assertThat(reopened.receivedEntry((jumps - 2) * jump)).isEqualTo(jumps - 2);
            assertThat(reopened.received((jumps - 1) * jump, 99)).isTrue();
            // A page written again after the reopen keeps the entries it held.
            assertThat(reopened.received(jump + 1, 5)).isTrue();
            assertThat(reopened.receivedEntry(jump)).isEqualTo(1);
            assertThat(allocatedBytes(received)).isLessThan((1L << 20) + jumps * 3 * 4096L);
        }
    }

    /**
     * A page of the index is written through the file before the first entry in it, so a file that cannot be
     * written (here replaced by a directory; a full disk alike) is a value naming it at that entry, not a fault in
     * a mapped write. After a reopen no page beyond the first MiB is taken as written.
     */
    @Test
    void shouldTellWhenAPageOfTheReceivedIndexCannotBeWritten() throws Exception
    {
        final Path received = directory.resolve("PAGE.received");
        final int beyondFirstMiB = 300_000;
        try (SessionStore store = SessionStore.open(directory, "PAGE", false))
        {
            assertThat(store.received(beyondFirstMiB, 5)).isTrue();
        }
        try (SessionStore store = SessionStore.open(directory, "PAGE", false))
        {
            Files.move(received, directory.resolve("PAGE.received.aside"));
            Files.createDirectory(received);
            assertThat(store.received(100, 6)).as("the first MiB is written whole when the file is made").isTrue();
            final int onAPageNotWritten = beyondFirstMiB - 1_000; // the file holds it: no growth, no remap
            assertThat(store.received(onAPageNotWritten, 7)).isFalse();
            assertThat(store.receivedIndexProblem()).startsWith("cannot write session file " + received);
            assertThat(store.receivedEntry(onAPageNotWritten)).isZero();
        }
    }

    @Test
    void shouldMsyncEveryChangeBeforeSendingInSyncDurability()
    {
        try (SessionStore store = SessionStore.open(directory, "SYNCED", true))
        {
            assertThat(store.unsynced()).as("a new session's files are on disk at once").isFalse();
            store.received(1, SessionStore.ENTERING);
            assertThat(store.unsynced()).isTrue();
            store.syncBeforeSend();
            assertThat(store.unsynced()).isFalse();
            store.claimSenderMsgSeqNum(SessionStore.NOT_RESENT);
            store.nextTargetMsgSeqNum(2);
            store.reportMade(SessionStore.entry(7, SessionStore.ROLE_REPORT));
            assertThat(store.unsynced()).isTrue();
            store.syncBeforeSend();
            assertThat(store.unsynced()).isFalse();
            store.claimSenderMsgSeqNum(SessionStore.entry(8, SessionStore.ROLE_REPORT));
            store.received(600_000, SessionStore.NOTHING_ENTERED); // past the first mapping: grows the index
            store.syncBeforeSend();
            assertThat(store.unsynced()).isFalse();
            assertThat(store.sentEntry(2)).isEqualTo(SessionStore.entry(8, SessionStore.ROLE_REPORT));
        }
        try (SessionStore store = SessionStore.open(directory, "UNSYNCED", false))
        {
            store.claimSenderMsgSeqNum(SessionStore.NOT_RESENT);
            store.syncBeforeSend();
            assertThat(store.unsynced()).as("process durability: no msync").isTrue();
        }
    }

    @Test
    void shouldMsyncTheChangesOfManyStoresTogetherRoundAfterRound()
    {
        final SessionStore[] stores = new SessionStore[5];
        try (SessionSync sync = new SessionSync(stores.length, 3))
        {
            for (int i = 0; i < stores.length; i++)
            {
                stores[i] = SessionStore.open(directory, "S" + i, true);
            }
            for (int round = 1; round <= 200; round++)
            {
                for (int i = round % 2; i < stores.length; i++) // some rounds leave a store unchanged
                {
                    stores[i].claimSenderMsgSeqNum(SessionStore.entry(round, SessionStore.ROLE_REPORT));
                    stores[i].received(round, SessionStore.NOTHING_ENTERED);
                }
                for (final SessionStore store : stores)
                {
                    sync.add(store);
                }
                sync.syncAdded();
                for (final SessionStore store : stores)
                {
                    assertThat(store.unsynced()).as("round %d", round).isFalse();
                }
            }
            assertThat(stores[1].nextSenderMsgSeqNum()).isEqualTo(201);
        }
        finally
        {
            for (final SessionStore store : stores)
            {
                if (store != null)
                {
                    store.close();
                }
            }
        }
    }

    @Test
    void shouldRemoveTheHeldFileAtCloseOnlyWhenNothingIsHeld()
    {
        final Path heldFile = directory.resolve("HOLDER.held");
        final UnsafeBuffer message = new UnsafeBuffer("35=D|11=A|".getBytes(StandardCharsets.US_ASCII));
        try (SessionStore store = SessionStore.open(directory, "HOLDER"))
        {
            store.heldRejects(1024).hold(message, 0, message.capacity(), 7, 1, HeldRejects.THROTTLED, 0);
        }
        assertThat(heldFile).as("a reject still owed").exists();

        try (SessionStore store = SessionStore.open(directory, "HOLDER"))
        {
            final HeldRejects held = store.heldRejectsAtStart(1024);
            assertThat(held.count()).isEqualTo(1);
            held.removeHead();
        }
        assertThat(heldFile).as("nothing owed").doesNotExist();

        try (SessionStore store = SessionStore.open(directory, "HOLDER"))
        {
            assertThat(store.heldRejectsAtStart(1024)).isNull();
        }
        assertThat(heldFile).doesNotExist();
    }

    @Test
    void shouldKeepTheReceivedIndexAcrossReopening()
    {
        received(0, 100, 101).close();
        try (SessionStore store = SessionStore.open(directory, "CLIENT1"))
        {
            assertThat(store.receivedEntry(3)).isEqualTo(101);
            assertThat(store.rewindToFirstLost(JOURNALED, RING)).isEqualTo(3);
        }
    }

    @Test
    void shouldVoidTheReportsOfEventsBeyondTheJournalAndBringTheCursorsBackToItsEnd()
    {
        try (SessionStore store = SessionStore.open(directory, "CLIENT1"))
        {
            // 1 the Logon ack, then reports of events 10, 12 (maker and taker), a Heartbeat, 15 and 16.
            sent(store, SessionStore.NOT_RESENT, entry(10, SessionStore.ROLE_REPORT), entry(12, SessionStore.ROLE_MAKER),
                entry(12, SessionStore.ROLE_TAKER), SessionStore.NOT_RESENT, entry(15, SessionStore.ROLE_REPORT),
                entry(16, SessionStore.ROLE_REPORT));
            store.reportMade(entry(17, SessionStore.ROLE_REPORT)); // made, not yet sent

            // The journal now ends at event 12: 15, 16 and 17 are gone.
            assertThat(store.forgetReportsBeyond(12)).isEqualTo(2);

            assertThat(store.sentEntry(6)).as("a resend gap-fills it").isEqualTo(SessionStore.NOT_RESENT);
            assertThat(store.sentEntry(7)).isEqualTo(SessionStore.NOT_RESENT);
            assertThat(store.sentEntry(4)).as("within the journal: still resent").isEqualTo(entry(12, SessionStore.ROLE_TAKER));
            assertThat(store.sentEntry(2)).isEqualTo(entry(10, SessionStore.ROLE_REPORT));
            assertThat(store.nextSenderMsgSeqNum()).as("MsgSeqNums are never taken back").isEqualTo(8);
            assertThat(SessionStore.firstEventAfter(store.lastReportEntry())).as("the next report is of event 13")
                .isEqualTo(13);
            assertThat(store.lastReportEntryMade()).isEqualTo(store.lastReportEntry());
            assertThat(store.forgetReportsBeyond(12)).as("done once").isEqualTo(-1);
        }
    }

    @Test
    void shouldKeepTheReportsMadeWithinTheJournalForTheCatchUpOfASessionThatWasAway()
    {
        try (SessionStore store = SessionStore.open(directory, "CLIENT1"))
        {
            sent(store, SessionStore.NOT_RESENT, entry(10, SessionStore.ROLE_REPORT));
            store.reportMade(entry(30, SessionStore.ROLE_REPORT));

            assertThat(store.forgetReportsBeyond(20)).isZero();

            assertThat(store.lastReportEntry()).as("what it was sent is unchanged").isEqualTo(entry(10, SessionStore.ROLE_REPORT));
            assertThat(SessionStore.eventSequenceOf(store.lastReportEntryMade())).as("a catch-up up to the journal's end")
                .isEqualTo(20);
        }
    }

    @Test
    void shouldLeaveASessionWhoseReportsAreAllWithinTheJournal()
    {
        try (SessionStore store = SessionStore.open(directory, "CLIENT1"))
        {
            sent(store, entry(10, SessionStore.ROLE_REPORT), entry(12, SessionStore.ROLE_TAKER));

            assertThat(store.forgetReportsBeyond(12)).isEqualTo(-1);

            assertThat(store.lastReportEntry()).isEqualTo(entry(12, SessionStore.ROLE_TAKER));
            assertThat(store.sentEntry(2)).isEqualTo(entry(12, SessionStore.ROLE_TAKER));
        }
    }

    private static long entry(final long eventSequence, final int role)
    {
        return SessionStore.entry(eventSequence, role);
    }

    /** Sends MsgSeqNum 1, 2, ... with these sent-index entries, as the live stream does. */
    private static void sent(final SessionStore store, final long... entries)
    {
        for (final long entry : entries)
        {
            store.claimSenderMsgSeqNum(entry);
            if (entry != SessionStore.NOT_RESENT)
            {
                store.reportMade(entry);
                store.lastReportEntry(entry);
            }
        }
    }

    /** A store that has received MsgSeqNum 1, 2, ... with these received-index entries. */
    private SessionStore received(final long... entries)
    {
        final SessionStore store = SessionStore.open(directory, "CLIENT1");
        for (int i = 0; i < entries.length; i++)
        {
            store.received(i + 1, entries[i]);
        }
        store.nextTargetMsgSeqNum(entries.length + 1);
        return store;
    }

    /**
     * A {@code .session} file of an unknown version stops the start with a line saying what to do (helper 87's note):
     * the start-up turns {@link UnreadableSessionStateException} into one {@code tessera:} line, not a stack trace.
     */
    @Test
    void shouldRefuseASessionFileOfAnUnknownVersionSayingWhatToDo() throws Exception
    {
        SessionStore.open(directory, "OLDER", false).close();
        final Path file = directory.resolve("OLDER.session");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.seek(4);
            raf.write(new byte[] {9, 0, 0, 0});
        }

        assertThatThrownBy(() -> SessionStore.open(directory, "OLDER", false))
            .isInstanceOf(UnreadableSessionStateException.class)
            .hasMessageStartingWith(file + ": unknown session file version 9 (written by another build, or damaged): " +
                "start that build, or put it back from a backup");
    }

    /**
     * QA 109 F1: an emptied {@code .session} (or one whose header is damaged) was taken for a new session: MsgSeqNum 1
     * to a client expecting 111,211, and a ResendRequest for everything it ever sent. Refused now, changing nothing.
     */
    @Test
    void shouldRefuseAnEmptiedHeaderBesideIndexesThatHoldTheSessionsHistory() throws Exception
    {
        withHistory("FIRM");
        final Path file = directory.resolve("FIRM.session");
        Files.write(file, new byte[0]);
        final byte[] sentBefore = Files.readAllBytes(directory.resolve("FIRM.sent"));

        assertThatThrownBy(() -> SessionStore.open(directory, "FIRM", false))
            .isInstanceOf(UnreadableSessionStateException.class)
            .hasMessage(file + " is empty, but FIRM.sent beside it holds the session's history: it holds the " +
                "session's MsgSeqNums, which the client goes on from. Put it back from a backup, or, to start session " +
                "FIRM again at MsgSeqNum 1 on purpose (the client resetting too), move all of its files (FIRM.*) aside");
        assertThat(Files.size(file)).as("nothing written").isZero();
        assertThat(Files.readAllBytes(directory.resolve("FIRM.sent"))).isEqualTo(sentBefore);

        Files.delete(file);
        assertThatThrownBy(() -> SessionStore.open(directory, "FIRM", false))
            .isInstanceOf(UnreadableSessionStateException.class)
            .hasMessageStartingWith(file + " is missing, but FIRM.sent beside it holds the session's history");
        assertThat(file).doesNotExist();
    }

    @Test
    void shouldRefuseADamagedOrCutHeaderWhateverIsBesideIt() throws Exception
    {
        withHistory("FIRM");
        final Path file = directory.resolve("FIRM.session");
        final byte[] header = Files.readAllBytes(file);
        header[0] ^= (byte)0x01;
        Files.write(file, header);

        assertThatThrownBy(() -> SessionStore.open(directory, "FIRM", false))
            .isInstanceOf(UnreadableSessionStateException.class)
            .hasMessageStartingWith(file + " is damaged (it does not begin as a session file does): ");

        header[0] ^= (byte)0x01;
        Files.write(file, java.util.Arrays.copyOf(header, 20));
        for (final String index : new String[] {"FIRM.sent", "FIRM.received", "FIRM.made"})
        {
            Files.delete(directory.resolve(index));
        }
        assertThatThrownBy(() -> SessionStore.open(directory, "FIRM", false))
            .isInstanceOf(UnreadableSessionStateException.class)
            .hasMessageStartingWith(file + " is cut short (20 of its 64 bytes): ");
    }

    /**
     * QA 109 F2: a flipped byte took the header's next outbound MsgSeqNum back below reports the sent index holds, and
     * the session sent those numbers again. The entry a kill leaves at the next number (put just before the header
     * moves) is no damage.
     */
    @Test
    void shouldRefuseAHeaderWhoseNextOutboundMsgSeqNumIsBelowAnEntryOfTheSentIndex() throws Exception
    {
        try (SessionStore store = SessionStore.open(directory, "FIRM", false))
        {
            for (int event = 1; event <= 300; event++)
            {
                store.claimSenderMsgSeqNum(event % 3 == 0 ? SessionStore.NOT_RESENT : SessionStore.entry(event, 1));
            }
            assertThat(store.nextSenderMsgSeqNum()).isEqualTo(301);
        }
        final Path file = directory.resolve("FIRM.session");
        final byte[] header = Files.readAllBytes(file);
        final UnsafeBuffer fields = new UnsafeBuffer(header);
        fields.putInt(8, 301); // as it is: opens
        Files.write(file, header);
        SessionStore.open(directory, "FIRM", false).close();

        fields.putInt(8, 299); // a kill between the entry and the header: the entry at 299 is the next one's
        Files.write(file, header);
        SessionStore.open(directory, "FIRM", false).close();

        fields.putInt(8, 45); // 301 with a bit flipped: 1 0010 1101 -> 0 0010 1101
        Files.write(file, header);
        assertThatThrownBy(() -> SessionStore.open(directory, "FIRM", false))
            .isInstanceOf(UnreadableSessionStateException.class)
            .hasMessage(file + " gives 45 as the next outbound MsgSeqNum, but FIRM.sent beside it holds an entry for " +
                "MsgSeqNum 299, sent after it: one of them is damaged, and going on would send numbers the client has " +
                "again. Put them back from a backup, or, to start session FIRM again at MsgSeqNum 1 on purpose (the " +
                "client resetting too), move all of its files (FIRM.*) aside");
        assertThat(Files.readAllBytes(file)).as("nothing written").isEqualTo(header);
    }

    /**
     * QA 109 F2 c: a flipped byte in a sent-index entry made a resend send another order's report under that number.
     * Report entries grow with the MsgSeqNum (reports go out in event order), so one below its predecessor is refused.
     */
    @Test
    void shouldRefuseASentIndexWhoseReportEntriesAreOutOfEventOrder() throws Exception
    {
        try (SessionStore store = SessionStore.open(directory, "FIRM", false))
        {
            for (int event = 1; event <= 300; event++)
            {
                store.claimSenderMsgSeqNum(event % 3 == 0 ? SessionStore.NOT_RESENT : SessionStore.entry(event, 1));
            }
            store.claimSenderMsgSeqNum(SessionStore.entry(300, SessionStore.ROLE_MAKER)); // a self-trade's two reports
            store.claimSenderMsgSeqNum(SessionStore.entry(300, SessionStore.ROLE_TAKER));
        }
        SessionStore.open(directory, "FIRM", false).close();

        final Path sent = directory.resolve("FIRM.sent");
        try (RandomAccessFile raf = new RandomAccessFile(sent.toFile(), "rw"))
        {
            raf.seek(200L * 8 + 2); // MsgSeqNum 200 (event 200): a bit of its second byte flipped
            final int b = raf.read();
            raf.seek(200L * 8 + 2);
            raf.write(b ^ 0x01);
        }
        final byte[] before = Files.readAllBytes(sent);
        assertThatThrownBy(() -> SessionStore.open(directory, "FIRM", false))
            .isInstanceOf(UnreadableSessionStateException.class)
            .hasMessageStartingWith(sent + ": the entry of outbound MsgSeqNum 202 names event 202, before event 16584")
            .hasMessageContaining(" of MsgSeqNum 200, where reports go out in the order of their events: one of the two " +
                "is damaged");
        assertThat(Files.readAllBytes(sent)).as("nothing written").isEqualTo(before);
    }

    /**
     * QA 112: a report's entry with its sign bit flipped read as a made message's; the start blamed {@code .made}
     * (missing or cut short) and a resend gap-filled the number. No made message can be named so: refused, naming it.
     */
    @Test
    void shouldRefuseASentIndexEntryThatNamesNoMadeMessageTheFileCanHold() throws Exception
    {
        final UnsafeBuffer body = new UnsafeBuffer("58=throttled\u0001".getBytes(StandardCharsets.US_ASCII));
        try (SessionStore store = SessionStore.open(directory, "FIRM", false))
        {
            for (int event = 1; event <= 40; event++)
            {
                if (event % 4 == 0)
                {
                    final int msgSeqNum = store.claimSenderMsgSeqNum(SessionStore.NOT_RESENT);
                    store.made(msgSeqNum, '3', 1_000L * event, body, 0, body.capacity());
                }
                else
                {
                    store.claimSenderMsgSeqNum(SessionStore.entry(event, 1));
                }
            }
        }
        SessionStore.open(directory, "FIRM", false).close(); // the made messages' own entries pass

        final Path sent = directory.resolve("FIRM.sent");
        try (RandomAccessFile raf = new RandomAccessFile(sent.toFile(), "rw"))
        {
            raf.seek(10L * 8 + 7); // MsgSeqNum 10, a report: its sign bit (the last byte, little-endian)
            final int b = raf.read();
            raf.seek(10L * 8 + 7);
            raf.write(b ^ 0x80);
        }
        final byte[] before = Files.readAllBytes(sent);
        assertThatThrownBy(() -> SessionStore.refuseUnreadableHeader(directory, "FIRM"))
            .isInstanceOf(UnreadableSessionStateException.class)
            .hasMessageStartingWith(sent + ": the entry of outbound MsgSeqNum 10 is damaged: it names neither a report " +
                "nor a message FIRM.made can hold")
            .hasMessageContaining("Put it back from a backup");
        assertThat(Files.readAllBytes(sent)).as("nothing written").isEqualTo(before);
    }

    /** What a kill while a session was first made leaves: a header of zeros (its magic written last), no index. */
    @Test
    void shouldTakeABlankHeaderWithoutIndexesForANewSession() throws Exception
    {
        Files.write(directory.resolve("FIRM.session"), new byte[64]);

        try (SessionStore store = SessionStore.open(directory, "FIRM", false))
        {
            assertThat(store.created()).isTrue();
            assertThat(store.nextSenderMsgSeqNum()).isEqualTo(1);
        }
        try (SessionStore store = SessionStore.open(directory, "FIRM", false))
        {
            assertThat(store.created()).isFalse();
        }
    }

    /** A session that sent and received a few messages, closed. */
    private void withHistory(final String compId)
    {
        try (SessionStore store = SessionStore.open(directory, compId, false))
        {
            for (int i = 1; i <= 3; i++)
            {
                store.nextTargetMsgSeqNum(store.nextTargetMsgSeqNum() + 1);
            }
            store.lastReportEntry(7);
        }
    }

    /**
     * QA 125 F6: on tmpfs a mapped read of a hole allocates the page, so on a full file system the read of a page's
     * bytes through the mapping, before the page was written through the file, was itself the fault (an
     * InternalError naming no file) and stopped the exchange. The page's bytes are now read through the file
     * channel, never through the mapping. A page the mapping cannot touch stands in for the full file system here:
     * the file is cut short behind the store's mapping, so a mapped access beyond the cut faults on any file system;
     * the page is backed, and its entry written, all the same, and the sent index alike.
     */
    @Test
    void shouldBackAPageWithoutTouchingItThroughTheMapping() throws Exception
    {
        final Path received = directory.resolve("HOLE.received");
        final Path sent = directory.resolve("HOLE.sent");
        final int farOn = 300_000; // beyond the first MiB: the file grows, sparse, past it
        final int lastOnFirstPageBeyond = (1 << 20) / 8 + 511;
        try (SessionStore store = SessionStore.open(directory, "HOLE", false))
        {
            assertThat(store.received(farOn, 5)).isTrue();
            int msgSeqNum = 0;
            while (msgSeqNum < lastOnFirstPageBeyond)
            {
                msgSeqNum = store.claimSenderMsgSeqNum(msgSeqNum);
            }
            // Each file cut at the end of the page last written: the store's mapping reaches past the end now.
            cut(received, pageEnd(farOn));
            cut(sent, pageEnd(lastOnFirstPageBeyond));

            final int onAnotherPage = farOn + 1_000; // mapped, not written this run
            assertThat(store.canReceive(onAnotherPage)).isTrue();
            assertThat(store.received(onAnotherPage, 7)).isTrue();
            assertThat(store.receivedIndexProblem()).isNull();
            assertThat(store.receivedEntry(onAnotherPage)).isEqualTo(7);
            assertThat(store.receivedEntry(farOn)).isEqualTo(5);
            final long later = lastOnFirstPageBeyond + 100; // entries go on in the order of their events
            assertThat(store.claimSenderMsgSeqNum(later)).isEqualTo(lastOnFirstPageBeyond + 1);
            assertThat(store.sentEntry(lastOnFirstPageBeyond + 1)).isEqualTo(later);
            assertThat(store.sentEntry(lastOnFirstPageBeyond)).isEqualTo(lastOnFirstPageBeyond - 1);
        }
        try (SessionStore reopened = SessionStore.open(directory, "HOLE", false))
        {
            assertThat(reopened.receivedEntry(farOn + 1_000)).isEqualTo(7);
            assertThat(reopened.sentEntry(lastOnFirstPageBeyond + 1)).isEqualTo(lastOnFirstPageBeyond + 100);
        }
    }

    private static long pageEnd(final int msgSeqNum)
    {
        return (msgSeqNum * 8L & -4096L) + 4096;
    }

    private static void cut(final Path file, final long bytes) throws Exception
    {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.setLength(bytes);
        }
    }

    /** The test runs where a file's length past what was written takes no disk, as on ext4, xfs, btrfs and tmpfs. */
    private void assumeSparseFiles() throws Exception
    {
        final Path probe = directory.resolve("probe");
        try (RandomAccessFile raf = new RandomAccessFile(probe.toFile(), "rw"))
        {
            raf.setLength(64L << 20);
        }
        assumeTrue(allocatedBytes(probe) < (1L << 20), "the file system of " + directory + " makes sparse files");
        Files.delete(probe);
    }

    /** What the file system gave {@code file}: {@code stat}'s blocks times their size. */
    private static long allocatedBytes(final Path file) throws Exception
    {
        final Process stat = new ProcessBuilder("stat", "-c", "%b %B", file.toString()).redirectErrorStream(true).start();
        final String[] blocks = new String(stat.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim()
            .split(" ");
        assertThat(stat.waitFor()).as(String.join(" ", blocks)).isZero();
        return Long.parseLong(blocks[0]) * Long.parseLong(blocks[1]);
    }
}
