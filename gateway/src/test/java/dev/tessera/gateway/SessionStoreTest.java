package dev.tessera.gateway;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The received index and the start-up rule that asks again for messages whose commands a crash lost. */
class SessionStoreTest
{
    private static final long JOURNALED = 100; // the journal's last command sequence
    private static final int RING = 8;

    @TempDir
    Path directory;

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
}
