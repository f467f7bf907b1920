package dev.tessera.gateway;

import dev.tessera.config.SessionConfig;
import dev.tessera.fix.FieldType;
import dev.tessera.fix.FixEncoder;
import dev.tessera.fix.FixMessage;
import dev.tessera.fix.FramingError;
import dev.tessera.fix.MsgTypes;
import dev.tessera.fix.PeerText;
import dev.tessera.fix.SessionRejectReason;
import dev.tessera.fix.Tags;
import dev.tessera.fix.UtcTimestamp;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.EpochNanoClock;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The FIX 4.4 session layer of one configured CompID: sequence numbers (persisted in its
 * {@link SessionStore}), logon and logout, heartbeats and test requests, gap detection with
 * ResendRequest, SequenceReset, and encoding of every outbound message under the next MsgSeqNum.
 * It lives as long as the server; a {@link Connection} is attached while the client is logged on.
 * Application messages are handed to {@link OrderEntryAdapter}; resends to {@link Resender}.
 */
final class FixSession
{
    private static final long BULK_WAIT_NS = TimeUnit.MILLISECONDS.toNanos(500);
    /** How far a client's SendingTime may be from ours: QuickFIX/J's MaxLatency default. */
    private static final long MAX_SENDING_TIME_SKEW_NS = TimeUnit.SECONDS.toNanos(120);
    private static final long BULK_WAIT_STEP_NS = TimeUnit.MICROSECONDS.toNanos(100);
    /** A client silent for a heartbeat interval plus this share of one gets a TestRequest. */
    private static final long TEST_REQUEST_GRACE_PERCENT = 20;
    /**
     * How far ahead of the expected inbound MsgSeqNum a Logon's MsgSeqNum or a SequenceReset's NewSeqNo may take it.
     * The received index keeps 8 bytes per number, written as the file grows, on the gateway thread: a Logon at
     * 200,000,000 wrote 1.6 GB and held every session for 1.6 s (QA 96). A million is 8 MB, a few milliseconds, and
     * more than a session sends in a day of gaps; a client further off starts again with ResetSeqNumFlag.
     */
    static final int MAX_SEQUENCE_JUMP = 1_000_000;
    /** The way on for a client whose numbers are too far off, or past what the received index holds. */
    private static final String LOG_ON_WITH_RESET = "log on with ResetSeqNumFlag(141)=Y to start both sides again at 1";
    /** {@link #sequence}: where a message's MsgSeqNum is against the one expected. */
    private static final int BELOW_EXPECTED = -1;
    private static final int IN_SEQUENCE = 0;
    private static final int BEYOND_EXPECTED = 1;
    /** The expected one, not taken: the received index cannot record it ({@link #refuseUnrecorded}). */
    private static final int UNRECORDED = 2;
    private static final String MSG_SEQ_NUM_NOT_POSITIVE = "MsgSeqNum(34) missing or not a positive number";
    private static final String ON_BEHALF_OF_COMP_ID_REFUSED = "OnBehalfOfCompID(115) is not supported: this venue " +
        "takes a session's messages for its own firm only, no third-party routing";
    private static final String DELIVER_TO_COMP_ID_REFUSED = "DeliverToCompID(128) is not supported: this venue " +
        "takes a session's messages for its own firm only, no third-party routing";
    /** The standard header's fields: each appears once in any message, or which one counts would be a guess. */
    private static final int[] HEADER_SINGLE = {Tags.BEGIN_STRING, Tags.BODY_LENGTH, Tags.MSG_TYPE, Tags.SENDER_COMP_ID,
        Tags.TARGET_COMP_ID, Tags.MSG_SEQ_NUM, Tags.SENDING_TIME, Tags.POSS_DUP_FLAG, Tags.POSS_RESEND,
        Tags.ORIG_SENDING_TIME};
    /** The Logon's own fields, each once (its NoMsgTypes(384) group may repeat; the gateway reads none of it). */
    private static final int[] LOGON_SINGLE = {Tags.ENCRYPT_METHOD, Tags.HEART_BT_INT, Tags.RESET_SEQ_NUM_FLAG,
        Tags.USERNAME, Tags.PASSWORD, Tags.NEXT_EXPECTED_MSG_SEQ_NUM, Tags.MAX_MESSAGE_SIZE};
    /** A message type without repeating groups: no field of it may repeat. */
    private static final int[] NONE_REPEATABLE = {};
    private static final String ENCRYPT_METHOD_NOT_NONE = "EncryptMethod(98) must be 0 (none): the only one supported";
    private static final String TAG_TWICE = "tag appears more than once";
    private static final String SENDING_TIME_MISSING = "SendingTime(52) missing or malformed";
    private static final String SENDING_TIME_TOO_FAR = "SendingTime(52) more than 120 s from the exchange's clock";

    final SessionConfig config;
    final SessionStore store;
    final long owner;
    private final String compId;
    private final String gatewayCompId;
    private final EpochNanoClock clock;
    private final Consumer<String> log;
    private final FixEncoder encoder = new FixEncoder();
    private final Throttle throttle;
    /**
     * Whether the message being handled may be answered: false while a session message over the throttle is taken
     * ({@link #withinThrottle}), so that its TestRequest gets no Heartbeat and its faults no Reject(3).
     */
    private boolean answering = true;
    /** Every inbound message counted, to log out a session that sends far more than its throttle ({@link #flooded}). */
    private final FloodLimit floodLimit;
    /** Inbound Reject(3) and BusinessMessageReject(j) lines: a client sending thousands must not flood the log. */
    private final LogLimit rejectLines = new LogLimit(LogLimit.BURST_LINES, LogLimit.INTERVAL_NS);
    /**
     * Lines of the Reject(3)s this side sends for malformed messages, a limit of their own: under the inbound one, a
     * flood of bad tags was counted as "Reject(3)/BusinessMessageReject(j) received" while the client sent none
     * (QA 132 N3).
     */
    private final LogLimit rejectSentLines = new LogLimit(LogLimit.BURST_LINES, LogLimit.INTERVAL_NS);
    /** The same bound for garbled messages: 20,000 a logged-on client sent made 20,000 lines, one per message. */
    private final LogLimit garbledLines = new LogLimit(LogLimit.BURST_LINES, LogLimit.INTERVAL_NS);
    /** And for sequence resets by a Logon in session, which a client may send back to back (20,000 in 2 s). */
    private final LogLimit resetLines = new LogLimit(LogLimit.BURST_LINES, LogLimit.INTERVAL_NS);

    private Connection connection;
    private boolean caughtUp;
    private long heartbeatIntervalNs;
    /** {@code gateway.maxHeartbeatIntervalSeconds}: the longest HeartBtInt a Logon may ask for. */
    private final int maxHeartBtInt;
    private long lastReceivedNs;
    private long lastSentNs;
    private long testRequestSentNs;
    /** The highest inbound MsgSeqNum a ResendRequest already asked for (0: none outstanding). */
    private int resendRequestedThrough;
    /** The BeginSeqNo of the ResendRequest out (while {@link #resendRequestedThrough} is not 0). */
    private int resendRequestedFrom;
    private long pendingReportEntry;
    /**
     * The message begun last is one the gateway made itself ({@link SessionStore#MADE}): its MsgSeqNum (0 when not),
     * type, SendingTime and where its body starts in the encoder's buffer, for {@link #commit} to keep its body.
     */
    private int madeMsgSeqNum;
    private int madeMsgType;
    private long madeSendingTimeNs;
    private int madeBodyOffset;
    /** A resend in parts: the next MsgSeqNum to answer and the last (0 when none is under way). */
    private int resendNext;
    private int resendEnd;
    /** Cancel-on-disconnect that the ring was too busy to take yet. */
    boolean massCancelPending;
    /**
     * Logons refused for this session's username or password since the last line that counted them: a guessing client
     * outruns the one line a connection gets (GatewayAgent, at most 10 a second), and the count says whom it tries.
     */
    long failedLogonsNotLogged;
    /** When the running catch-up began (GatewayAgent's line says how long it took, over its parts). */
    long catchUpStartNs;
    /** The parts the running catch-up has been sent in so far, 0 when none runs. */
    int catchUpParts;
    /**
     * Whether an order of this session may be resting: set by each new order it enters, cleared by each
     * cancel-on-disconnect entered for it (which, behind every command of the session on the ring, reaches them all).
     * A session that entered none since has nothing to cancel, so its logout journals no empty mass cancel (QA 102).
     * After a start, cancel-on-disconnect has taken every order resting from before (or the key is off).
     */
    boolean mayHaveRestingOrders;
    /** The sequence of the last command a message of this session entered (0: none since the start). */
    long lastCommandEntered;
    /** Throttled messages whose rejects wait behind earlier acks (made at the first such, by OrderEntryAdapter). */
    HeldRejects heldRejects;
    /** Its held rejects' file could not be made: rejects are answered at once (OrderEntryAdapter.openHeldRejects). */
    boolean heldRejectsUnwritable;
    /**
     * This side started the logout ({@link #logout}): the connection stays open, reading, until the client's
     * answering Logout comes (its MsgSeqNum used up like any other) or {@link #logoutTimeoutNs} passes.
     */
    private boolean logoutSent;
    private long logoutSentNs;
    /**
     * The Logout sent is for a problem of the client's ({@link #logoutForProblem}): until its answer, application
     * messages are not read (their MsgSeqNums not used up: the next Logon asks for them), so nothing is entered
     * whose report could not be sent on this connection.
     */
    private boolean logoutForProblem;
    /**
     * During that wait an application message was left unread: every message after it but the answering Logout is left
     * unread too, as its MsgSeqNum is beyond one not used up (read, it would be a gap this side made: a ResendRequest
     * for what it chose not to read, and a TestRequest unanswered).
     */
    private boolean unreadSinceLogout;
    private final long logoutTimeoutNs;

    /** @param logoutTimeoutNs how long a Logout this side starts waits for the client's answering Logout. */
    FixSession(final SessionConfig config, final SessionStore store, final String gatewayCompId,
        final int maxHeartBtInt, final EpochNanoClock clock, final long logoutTimeoutNs, final Consumer<String> log)
    {
        this.maxHeartBtInt = maxHeartBtInt;
        this.logoutTimeoutNs = logoutTimeoutNs;
        this.config = config;
        this.store = store;
        this.owner = config.ownerId();
        this.compId = config.compId();
        this.gatewayCompId = gatewayCompId;
        this.clock = clock;
        this.log = log;
        this.throttle = new Throttle(config.throttleMessagesPerSecond());
        this.floodLimit = new FloodLimit(config.floodLogoutMessages());
    }

    String compId()
    {
        return compId;
    }

    Connection connection()
    {
        return connection;
    }

    boolean isLoggedOn()
    {
        return connection != null;
    }

    /**
     * Logged on and every report before the live stream has been sent: live reports may flow. Not once this side
     * has sent its Logout: nothing new goes out after it (what is made then is sent at the next logon).
     */
    boolean isLive()
    {
        return connection != null && caughtUp && connection.closeReason == null && !logoutSent;
    }

    /** Logged on, still being sent the reports it missed: {@link #caughtUp} once it has them all (not after a Logout). */
    boolean isCatchingUp()
    {
        return connection != null && !caughtUp && connection.closeReason == null && !logoutSent;
    }

    /** Whether this side has sent the Logout of this connection with {@link #logout} (and awaits the answer). */
    boolean isLoggingOut()
    {
        return connection != null && logoutSent;
    }

    void caughtUp()
    {
        caughtUp = true;
    }

    boolean isResending()
    {
        return connection != null && resendNext != 0 && connection.closeReason == null;
    }

    int resendNext()
    {
        return resendNext;
    }

    int resendEnd()
    {
        return resendEnd;
    }

    /** The rest of a resend in parts, or (0, 0) when it is done. */
    void resendRange(final int next, final int end)
    {
        resendNext = next;
        resendEnd = end;
    }

    /**
     * Answers a ResendRequest; if it cannot all go out now, live reports pause until it has (the
     * gateway's timer continues it, then catches the session up). A range with nothing in it gets a Reject
     * naming the field: silence would leave the client waiting for an answer. (QuickFIX/J answers a
     * BeginSeqNo beyond the last sent with a gap fill under that BeginSeqNo whose NewSeqNo is below it, which
     * FIX forbids and QuickFIX/J rejects when it receives one; the Reject's own MsgSeqNum shows the client
     * where this side is.) A BeginSeqNo below 1 names no message and is rejected the same way. An EndSeqNo beyond the
     * last sent means the last sent, as 0 does.
     */
    private void onResendRequest(final FixMessage message, final Resender resender)
    {
        final int beginSeqNo = message.intValue(Tags.BEGIN_SEQ_NO);
        final int endSeqNo = message.intValue(Tags.END_SEQ_NO);
        final int lastSent = store.nextSenderMsgSeqNum() - 1;
        if (beginSeqNo == FixMessage.NULL_INT || endSeqNo == FixMessage.NULL_INT)
        {
            final int tag = beginSeqNo == FixMessage.NULL_INT ? Tags.BEGIN_SEQ_NO : Tags.END_SEQ_NO;
            reject(message, message.intValue(Tags.MSG_SEQ_NUM), message.hasField(tag) ?
                SessionRejectReason.INCORRECT_DATA_FORMAT : SessionRejectReason.REQUIRED_TAG_MISSING, tag,
                "BeginSeqNo(7) and EndSeqNo(16) are required numbers");
            return;
        }
        if (beginSeqNo < 1)
        {
            // QA 118 F5: answered as a resend from 1 before; a SeqNum starts at 1, so 0 and below name no message.
            reject(message, message.intValue(Tags.MSG_SEQ_NUM), SessionRejectReason.VALUE_IS_INCORRECT,
                Tags.BEGIN_SEQ_NO, "BeginSeqNo(7) " + beginSeqNo + " is not a MsgSeqNum: they start at 1");
            return;
        }
        if (beginSeqNo > lastSent)
        {
            reject(message, message.intValue(Tags.MSG_SEQ_NUM), SessionRejectReason.VALUE_IS_INCORRECT,
                Tags.BEGIN_SEQ_NO, "BeginSeqNo(7) " + beginSeqNo + " is beyond the last MsgSeqNum sent, " + lastSent);
            return;
        }
        if (endSeqNo > 0 && endSeqNo < beginSeqNo)
        {
            reject(message, message.intValue(Tags.MSG_SEQ_NUM), SessionRejectReason.VALUE_IS_INCORRECT,
                Tags.END_SEQ_NO, "EndSeqNo(16) " + endSeqNo + " is before BeginSeqNo(7) " + beginSeqNo);
            return;
        }
        if (!resender.resend(this, beginSeqNo, endSeqNo))
        {
            caughtUp = false;
        }
    }

    /**
     * Handles a Logon (already matched to this session's CompID and credentials) on a connection.
     *
     * @return true when the session is now logged on over {@code newConnection}.
     */
    boolean onLogon(final Connection newConnection, final FixMessage logon, final long nowNs)
    {
        // Bound first, so that a refused logon's disconnect also ends the session's hold on the connection.
        bind(newConnection, nowNs);
        final String refusal = answerLogon(logon);
        if (refusal != null)
        {
            return refuseLogon(refusal);
        }
        // Labelled (QA 102: "in" was the Logon's own number, "out" the next to send, after the answer and any
        // ResendRequest): what an operator compares with the client's log.
        log.accept("session " + compId + " logged on from " + newConnection.remote + " (its Logon MsgSeqNum " +
            logon.intValue(Tags.MSG_SEQ_NUM) + ", our next MsgSeqNum " + store.nextSenderMsgSeqNum() +
            (isResetSeqNum(logon) ? ", reset" : "") + ")");
        return true;
    }

    /**
     * A Logon with ResetSeqNumFlag(141)=Y while logged on: the in-session sequence reset of FIX 4.4 vol. 2.
     * Both directions start again at 1 (the Logon itself is 1) and the answer is a Logon with 141=Y under
     * MsgSeqNum 1, as at a logon with reset; a resend under way is for numbers that no longer exist, so it ends
     * (live reports then resume by catch-up, as after any resend).
     */
    private void onResetLogon(final FixMessage logon, final Resender resender, final long nowNs)
    {
        resender.cancelResend(this);
        final String refusal = answerLogon(logon);
        if (refusal != null)
        {
            logoutAndClose(refusal);
            return;
        }
        logSuppressedResets(nowNs);
        if (resetLines.tryLine(nowNs))
        {
            log.accept("session " + compId + ": sequence numbers reset by a Logon with ResetSeqNumFlag while logged " +
                "on (in " + logon.intValue(Tags.MSG_SEQ_NUM) + ", out " + store.nextSenderMsgSeqNum() + ")");
        }
    }

    private void logSuppressedResets(final long nowNs)
    {
        logSuppressed(resetLines, "sequence resets by a Logon while logged on", nowNs);
    }

    /**
     * What every accepted Logon does: checks HeartBtInt and MsgSeqNum (after a ResetSeqNumFlag reset, which
     * is persisted at once), answers with a Logon, and asks for what the MsgSeqNum shows missing.
     *
     * @return why the Logon is refused, or null when it was answered.
     */
    private String answerLogon(final FixMessage logon)
    {
        final int heartBtInt = logon.intValue(Tags.HEART_BT_INT);
        final boolean reset = isResetSeqNum(logon);
        final int msgSeqNum = logon.intValue(Tags.MSG_SEQ_NUM);
        resendNext = 0;
        resendEnd = 0;
        resendRequestedThrough = 0;
        if (!hasSingleFields(logon))
        {
            return "Tag " + logon.refTagId() + " appears more than once"; // a refusal: allocates once per connection
        }
        if (heartBtInt <= 0 || heartBtInt == FixMessage.NULL_INT)
        {
            return "HeartBtInt(108) must be a positive number of seconds";
        }
        if (heartBtInt > maxHeartBtInt)
        {
            // A session that may stay silent longer is not found gone (QA 96: a HeartBtInt of 2^31-1 was taken).
            return "HeartBtInt(108) must be at most " + maxHeartBtInt + " seconds"; // a refusal: allocates once
        }
        if (msgSeqNum == FixMessage.NULL_INT || msgSeqNum <= 0)
        {
            // Also a number beyond 32 bits, which the parser refuses as it refuses a missing one.
            return MSG_SEQ_NUM_NOT_POSITIVE;
        }
        if (logon.intValue(Tags.ENCRYPT_METHOD) != 0)
        {
            // Required in FIX 4.4; anything but 0 (none) asks for an encryption this gateway does not do.
            return ENCRYPT_METHOD_NOT_NONE;
        }
        // Refused before any reset and before the expected MsgSeqNum moves, as QuickFIX/J refuses a Logon whose
        // SendingTime is off (a Logout with the reason, no Reject: there is no session to reject in): the client's
        // next Logon is judged by the numbers it found, under this MsgSeqNum again or the next one (a gap to fill).
        if (!logon.checkSendingTime(clock.nanoTime(), MAX_SENDING_TIME_SKEW_NS))
        {
            return logon.rejectReason() == SessionRejectReason.SENDING_TIME_ACCURACY_PROBLEM ?
                SENDING_TIME_TOO_FAR : SENDING_TIME_MISSING;
        }
        if (reset && !store.canReceive(2))
        {
            // Refused before the reset, which would otherwise take the numbers a refused Logon leaves as they were.
            return cannotRecordInbound();
        }
        if (reset && msgSeqNum - 1L > MAX_SEQUENCE_JUMP)
        {
            // Before the reset too (QA 97: a reset Logon at 1,000,002 was refused after it had reset both sides).
            return "MsgSeqNum too high for a Logon with ResetSeqNumFlag(141)=Y, which starts at 1: received " + msgSeqNum;
        }
        if (reset)
        {
            store.reset();
            if (heldRejects != null)
            {
                // Still answered (by ClOrdID, as the acks of the commands in flight are), but not by a MsgSeqNum of
                // the old numbering.
                heldRejects.forgetMsgSeqNums();
            }
        }
        final int expected = store.nextTargetMsgSeqNum();
        if (msgSeqNum < expected)
        {
            return "MsgSeqNum too low, expecting " + expected + " but received " + msgSeqNum;
        }
        if (msgSeqNum - (long)store.reachedTargetMsgSeqNum() > MAX_SEQUENCE_JUMP)
        {
            return tooFarAhead("MsgSeqNum", expected, msgSeqNum) + LOG_ON_WITH_RESET;
        }
        if (!store.canReceive(msgSeqNum + 1))
        {
            // Taken, the session would be dropped at its first message again, and its client reconnect for ever.
            return cannotRecordInbound();
        }
        heartbeatIntervalNs = TimeUnit.SECONDS.toNanos(heartBtInt);

        final FixEncoder fix = begin(MsgTypes.LOGON, SessionStore.NOT_RESENT);
        if (fix != null)
        {
            fix.putInt(Tags.ENCRYPT_METHOD, 0).putInt(Tags.HEART_BT_INT, heartBtInt);
            if (reset)
            {
                fix.putBoolean(Tags.RESET_SEQ_NUM_FLAG, true);
            }
            commit();
        }
        if (msgSeqNum > expected)
        {
            requestResend(expected, msgSeqNum);
        }
        else
        {
            store.nextTargetMsgSeqNum(msgSeqNum + 1);
        }
        return null;
    }

    /**
     * Handles a message after logon: counted first ({@link #flooded}), then sequence checks and session messages
     * here, application messages to {@code application}, resend requests to {@code resender}.
     */
    void onMessage(final FixMessage message, final long nowNs, final OrderEntryAdapter application,
        final Resender resender)
    {
        heardFrom(nowNs);
        if (flooded(nowNs))
        {
            return;
        }
        final int msgType = message.msgType();
        final int msgSeqNum = message.intValue(Tags.MSG_SEQ_NUM);
        if (!message.checkCompIds(compId, gatewayCompId))
        {
            reject(message, msgSeqNum, message.rejectReason(), message.refTagId(), "CompID problem");
            logoutAndClose("SenderCompID/TargetCompID do not match the session");
            return;
        }
        if (msgSeqNum == FixMessage.NULL_INT || msgSeqNum <= 0)
        {
            logoutAndClose(MSG_SEQ_NUM_NOT_POSITIVE);
            return;
        }
        if (logoutSent && msgType == MsgTypes.LOGOUT)
        {
            onLogoutAnswer(msgSeqNum);
            return;
        }
        if (leftUnread(isApplicationMessage(msgType)))
        {
            return;
        }
        if (msgType == MsgTypes.LOGON && isResetSeqNum(message))
        {
            // Before the sequence checks: its MsgSeqNum is 1 of the new numbering, far below the old one.
            onResetLogon(message, resender, nowNs);
            return;
        }
        if (msgType == MsgTypes.SEQUENCE_RESET && !isGapFill(message))
        {
            // Reset mode ignores MsgSeqNum: it is the counterparty's last resort to recover.
            answering = withinThrottle(msgType, nowNs);
            onReset(message, msgSeqNum);
            answering = true;
            return;
        }

        final boolean possDup = isPossDup(message);
        final int sequence = sequence(msgSeqNum, possDup, nowNs);
        if (sequence == BELOW_EXPECTED)
        {
            if (possDup)
            {
                // A duplicate we already have: dropped, its MsgSeqNum long used, once it shows its OrigSendingTime.
                checkOrigSendingTime(message, msgSeqNum, message.utcTimestampValue(Tags.SENDING_TIME));
            }
            return;
        }
        if (sequence == BEYOND_EXPECTED)
        {
            if (msgType == MsgTypes.RESEND_REQUEST)
            {
                onResendRequest(message, resender);
            }
            if (msgType == MsgTypes.LOGOUT)
            {
                // Not used up: the next Logon shows the gap, and the ResendRequest then recovers it.
                onLogout();
                return;
            }
            onGap(store.nextTargetMsgSeqNum(), msgSeqNum);
            return; // it comes again, in order, after the gap is filled
        }
        if (sequence == UNRECORDED)
        {
            return;
        }

        final boolean withinThrottle = withinThrottle(msgType, nowNs);
        final long commandSequence;
        if (!withinThrottle && isApplicationMessage(msgType))
        {
            // Before its checks: over the throttle it is not acted on, whatever it says (its reject echoes only
            // what reads as it should).
            application.onThrottled(this, message, msgSeqNum);
            commandSequence = SessionStore.NOTHING_ENTERED;
        }
        else
        {
            answering = withinThrottle;
            commandSequence = checkSingleFields(message, msgSeqNum) && checkSendingTime(message, msgSeqNum) ?
                onInSequence(message, msgSeqNum, nowNs, application, resender) : SessionStore.NOTHING_ENTERED;
            answering = true;
        }
        usedUp(msgSeqNum, commandSequence);
    }

    /** A SequenceReset in reset mode (no GapFillFlag): its MsgSeqNum is ignored, NewSeqNo taken if not below. */
    private void onReset(final FixMessage message, final int msgSeqNum)
    {
        final int newSeqNo = message.intValue(Tags.NEW_SEQ_NO);
        if (!checkSingleFields(message, msgSeqNum) || rejectedNewSeqNo(message, msgSeqNum, newSeqNo))
        {
            return;
        }
        if (newSeqNo >= store.nextTargetMsgSeqNum() && !store.canReceive(newSeqNo))
        {
            refuseUnrecorded();
        }
        else if (newSeqNo >= store.nextTargetMsgSeqNum())
        {
            store.nextTargetMsgSeqNum(newSeqNo); // the index grown first, as for a gap fill
        }
        else
        {
            reject(message, msgSeqNum, SessionRejectReason.VALUE_IS_INCORRECT, Tags.NEW_SEQ_NO,
                "NewSeqNo below the expected MsgSeqNum " + store.nextTargetMsgSeqNum());
        }
    }

    /**
     * Whether an inbound message is within the session's throttle. Every message counts, session messages too (QA 129
     * F2: 2.1 M TestRequests in 10 s from a session throttled at 20/s were all answered, 290 MB of Heartbeats): over
     * the throttle an application message is rejected ({@link OrderEntryAdapter#onThrottled}), and a session message is
     * taken as always (a Heartbeat, a gap fill, an inbound reject) but not answered ({@link #answering}: a TestRequest
     * gets no Heartbeat, a message that breaks the rules no Reject). Only a ResendRequest (its answer is sliced,
     * {@link Resender}) and a Logout do not count.
     */
    private boolean withinThrottle(final int msgType, final long nowNs)
    {
        return msgType == MsgTypes.RESEND_REQUEST || msgType == MsgTypes.LOGOUT || throttle.tryAcquire(nowNs);
    }

    /**
     * Counts an inbound message, of any kind, against the session's {@link FloodLimit}. At the limit the session is
     * logged out and disconnected as for any problem that ends it ({@link #logoutAndClose}: the gateway's disconnect
     * then does what it does at any, cancel-on-disconnect included), and the message is dropped unread, its MsgSeqNum
     * not used up (the next Logon asks for it): the flood is not to cost more work. The bytes behind it in the read
     * buffer are not read either, as the connection is being closed. Once a connection at most: allocates the
     * Text.
     *
     * @return whether the message is dropped for a flood.
     */
    private boolean flooded(final long nowNs)
    {
        if (!floodLimit.onMessage(nowNs))
        {
            return false;
        }
        logoutAndClose("flood: " + floodLimit.count() + " messages in one second, " + config.floodLogoutMultiple() +
            " x throttleMessagesPerSecond " + config.throttleMessagesPerSecond() + "; logging out");
        return true;
    }

    /**
     * The client was heard from: a message, or bytes of the rest of one too long to read that are skipped as they
     * come (GatewayAgent), are activity for the heartbeat rules ({@link #onTimer}) alike.
     */
    void heardFrom(final long nowNs)
    {
        lastReceivedNs = nowNs;
        testRequestSentNs = 0;
    }

    /**
     * While a Logout this side sent for a problem of the client's awaits its answer ({@link #logoutForProblem}), an
     * application message, and every message after one, is not read: its MsgSeqNum is not used up and the next
     * Logon asks for it. @return whether the message is left unread.
     */
    private boolean leftUnread(final boolean applicationMessage)
    {
        if (logoutForProblem && (unreadSinceLogout || applicationMessage))
        {
            unreadSinceLogout = true;
            return true;
        }
        return false;
    }

    /**
     * The MsgSeqNum rule every message after the logon passes, a whole one ({@link #onMessage}) or one too long or
     * malformed ({@link #onUnparsed}) alike. Below the expected number, a message that is no possible duplicate gets
     * the Logout for "MsgSeqNum too low"; beyond it, nothing is done here (the caller asks for the gap); the expected one
     * is used up: marked {@link SessionStore#ENTERING} before the expected MsgSeqNum moves past it, so that a crash
     * from here until its command is journaled leaves it to be asked for again ({@link SessionStore#rewindToFirstLost}),
     * and {@link #usedUp} records what it entered; unless the received index cannot record it, and then the session is
     * logged out and the message not taken.
     *
     * @return {@link #BELOW_EXPECTED}, {@link #IN_SEQUENCE}, {@link #BEYOND_EXPECTED} or {@link #UNRECORDED}.
     */
    private int sequence(final int msgSeqNum, final boolean possDup, final long nowNs)
    {
        final int expected = store.nextTargetMsgSeqNum();
        if (msgSeqNum < expected)
        {
            if (!possDup)
            {
                // Once: a client whose numbers are behind sends more of them before it reads the Logout.
                logoutForProblem("MsgSeqNum too low, expecting " + expected + " but received " + msgSeqNum, nowNs);
            }
            return BELOW_EXPECTED;
        }
        if (msgSeqNum > expected)
        {
            return BEYOND_EXPECTED;
        }
        if (!store.received(msgSeqNum, SessionStore.ENTERING))
        {
            refuseUnrecorded();
            return UNRECORDED;
        }
        store.nextTargetMsgSeqNum(expected + 1);
        return IN_SEQUENCE;
    }

    /** The in-sequence message {@code msgSeqNum} was handled and entered {@code commandSequence} (or nothing). */
    private void usedUp(final int msgSeqNum, final long commandSequence)
    {
        if (commandSequence == SessionStore.NOTHING_ENTERED)
        {
            // A command's sequence was recorded as its slot was claimed (OrderEntryAdapter.onClaimed).
            store.received(msgSeqNum, SessionStore.NOTHING_ENTERED);
        }
        else
        {
            lastCommandEntered = commandSequence;
        }
        if (resendRequestedThrough != 0 && store.nextTargetMsgSeqNum() > resendRequestedThrough)
        {
            resendRequestedThrough = 0;
        }
    }

    /** A message beyond the expected MsgSeqNum: the gap before it is asked for (once). */
    private void onGap(final int expected, final int msgSeqNum)
    {
        if (resendRequestedThrough == 0 || expected != resendRequestedFrom)
        {
            // No request out, or its answer came and left a gap: ask (again) from where the gap now starts.
            requestResend(expected, msgSeqNum);
        }
        else
        {
            // The request out is for everything from the gap on (EndSeqNo 0): this message comes with its
            // answer. Asking again would only make the client resend it all twice (QuickFIX/J, too, sends no
            // redundant ResendRequest by default).
            resendRequestedThrough = Math.max(resendRequestedThrough, msgSeqNum);
        }
    }

    /** Whether the MsgType at {@code offset} is Reject(3) or BusinessMessageReject(j). */
    private static boolean isReject(final DirectBuffer buffer, final int offset, final int length)
    {
        if (offset < 0 || length != 1)
        {
            return false;
        }
        final byte msgType = buffer.getByte(offset);
        return msgType == MsgTypes.REJECT || msgType == MsgTypes.BUSINESS_MESSAGE_REJECT;
    }

    /**
     * A message the session cannot act on but can account for by the MsgSeqNum read from its bytes: one longer than
     * the gateway's maximum, of which only the header was read (GatewayAgent skips the rest), or a malformed one, whose
     * parse stopped at a bad field (one ahead of MsgSeqNum(34) too: GatewayAgent reads the number from the bytes).
     * Sequenced like any message ({@link #sequence}): beyond the expected number it leaves a gap that is asked for, and
     * is rejected when it comes again, in order (QA 97: a malformed one was rejected at once, and again when resent);
     * below it, as any message. In sequence, its MsgSeqNum is used up and it gets Reject(3) with {@code reason},
     * {@code refTagId} and {@code text}, the session kept; a reject is never answered, however written. Without a
     * MsgSeqNum (0) it is rejected under RefSeqNum 0, no number used up. In the wait for the answer to a Logout for a
     * problem, it is left unread, as an application message is. Counted first, as any message ({@link #flooded}).
     */
    void onUnparsed(final int msgSeqNum, final boolean possDup, final DirectBuffer buffer, final int msgTypeOffset,
        final int msgTypeLength, final SessionRejectReason reason, final int refTagId, final String text,
        final long nowNs)
    {
        heardFrom(nowNs);
        if (flooded(nowNs) || leftUnread(true))
        {
            return;
        }
        if (msgSeqNum > 0)
        {
            final int sequence = sequence(msgSeqNum, possDup, nowNs);
            if (sequence == BEYOND_EXPECTED)
            {
                onGap(store.nextTargetMsgSeqNum(), msgSeqNum);
                return; // it comes again, in order, after the gap is filled
            }
            if (sequence == BELOW_EXPECTED || sequence == UNRECORDED)
            {
                return;
            }
        }
        // Over the throttle a message that breaks the rules is not answered (QA 129 F2): a flood of them would
        // otherwise be a flood of Rejects. Its MsgSeqNum is used up all the same.
        if (!isReject(buffer, msgTypeOffset, msgTypeLength) && throttle.tryAcquire(nowNs))
        {
            logSuppressedRejectsSent(nowNs);
            if (rejectSentLines.tryLine(nowNs))
            {
                log.accept("session " + compId + ": MsgSeqNum " + Math.max(msgSeqNum, 0) + " rejected: " + text);
            }
            reject(Math.max(msgSeqNum, 0), reason, refTagId, text, buffer, msgTypeOffset, msgTypeLength);
        }
        if (msgSeqNum > 0)
        {
            usedUp(msgSeqNum, SessionStore.NOTHING_ENTERED);
        }
    }

    /** An in-sequence message that passed the checks. @return the command it entered, or 0. */
    private long onInSequence(final FixMessage message, final int msgSeqNum, final long nowNs,
        final OrderEntryAdapter application, final Resender resender)
    {
        long commandSequence = SessionStore.NOTHING_ENTERED;
        switch (message.msgType())
        {
            case MsgTypes.HEARTBEAT:
                break;
            case MsgTypes.REJECT:
            case MsgTypes.BUSINESS_MESSAGE_REJECT:
                // Never answered: a reject of a reject would bounce between the peers for ever.
                logSuppressedRejects(nowNs);
                if (rejectLines.tryLine(nowNs))
                {
                    logRejectReceived(message);
                }
                break;
            case MsgTypes.TEST_REQUEST:
                if (!answering)
                {
                    break; // over the throttle: see onMessage
                }
                if (message.hasField(Tags.TEST_REQ_ID))
                {
                    heartbeat(message);
                }
                else
                {
                    // Required in FIX 4.4: a Heartbeat without it would answer no test the counterparty can match.
                    reject(message, msgSeqNum, SessionRejectReason.REQUIRED_TAG_MISSING, Tags.TEST_REQ_ID,
                        "TestReqID(112) is required");
                }
                break;
            case MsgTypes.RESEND_REQUEST:
                onResendRequest(message, resender);
                break;
            case MsgTypes.SEQUENCE_RESET:
                final int newSeqNo = message.intValue(Tags.NEW_SEQ_NO);
                if (rejectedNewSeqNo(message, msgSeqNum, newSeqNo))
                {
                    break;
                }
                if (newSeqNo > msgSeqNum && !store.canReceive(newSeqNo))
                {
                    refuseUnrecorded();
                }
                else if (newSeqNo > msgSeqNum)
                {
                    // The index grown first (canReceive): a crash between the two left a header beyond the file's end,
                    // which the next start took for entries lost (QA 97).
                    store.nextTargetMsgSeqNum(newSeqNo);
                }
                else
                {
                    reject(message, msgSeqNum, SessionRejectReason.VALUE_IS_INCORRECT, Tags.NEW_SEQ_NO,
                        "a gap fill must move MsgSeqNum forward");
                }
                break;
            case MsgTypes.LOGOUT:
                onLogout();
                break;
            case MsgTypes.LOGON:
                reject(message, msgSeqNum, SessionRejectReason.VALUE_IS_INCORRECT, Tags.MSG_TYPE, "already logged on");
                break;
            default:
                if (!onBehalfOfAnother(message, msgSeqNum))
                {
                    commandSequence = application.onMessage(this, message, msgSeqNum);
                }
                break;
        }
        return commandSequence;
    }

    /**
     * An application message that names a firm it is sent for or to (OnBehalfOfCompID(115), DeliverToCompID(128)) is
     * refused with Reject(3) 373=9 (CompID problem): this venue routes nothing, and a member's router that set either
     * must not take an order acted on as the session's own for one entered for the firm it named (QA 129: ignored).
     * Two indexed lookups on the hot path.
     *
     * @return whether it was refused (its MsgSeqNum used up).
     */
    private boolean onBehalfOfAnother(final FixMessage message, final int msgSeqNum)
    {
        final int tag = message.hasField(Tags.ON_BEHALF_OF_COMP_ID) ? Tags.ON_BEHALF_OF_COMP_ID :
            message.hasField(Tags.DELIVER_TO_COMP_ID) ? Tags.DELIVER_TO_COMP_ID : 0;
        if (tag == 0)
        {
            return false;
        }
        reject(message, msgSeqNum, SessionRejectReason.COMP_ID_PROBLEM, tag, tag == Tags.ON_BEHALF_OF_COMP_ID ?
            ON_BEHALF_OF_COMP_ID_REFUSED : DELIVER_TO_COMP_ID_REFUSED);
        return true;
    }

    /**
     * Whether no field appears twice that must appear once; otherwise the message has been answered with Reject(3)
     * SessionRejectReason(373) 13 (tag appears more than once) and RefTagID(371) the field, and is not to be acted on.
     */
    private boolean checkSingleFields(final FixMessage message, final int msgSeqNum)
    {
        // A reject is never answered with one, however it is written (onInSequence only logs it).
        return isReject(message.msgType()) ||
            rejectUnless(hasSingleFields(message), message, msgSeqNum, TAG_TWICE);
    }

    /**
     * The standard header's fields once in every message; every field once in a session message, which has no
     * repeating group; the Logon's own fields once. An application message's
     * handler checks the fields it reads (OrderEntryAdapter's ORDER_ENTRY_SINGLE): a client may add repeating groups
     * (Parties) it does not read. No allocation: the parse already knows whether any tag repeats at all.
     */
    private static boolean hasSingleFields(final FixMessage message)
    {
        if (!message.checkSingle(HEADER_SINGLE))
        {
            return false;
        }
        switch (message.msgType())
        {
            case MsgTypes.HEARTBEAT:
            case MsgTypes.TEST_REQUEST:
            case MsgTypes.RESEND_REQUEST:
            case MsgTypes.SEQUENCE_RESET:
            case MsgTypes.LOGOUT:
                return message.checkNoDuplicates(NONE_REPEATABLE);
            case MsgTypes.LOGON:
                return message.checkSingle(LOGON_SINGLE);
            default:
                return true;
        }
    }

    /**
     * FIX session rules for SendingTime(52), as standard engines apply them (QuickFIX/J's CheckLatency, MaxLatency
     * and RequiresOrigSendingTime): present and a UTCTimestamp, else Reject(3) and the message goes no further;
     * within {@link #MAX_SENDING_TIME_SKEW_NS} of this clock, else Reject(3) SendingTime accuracy problem and a
     * Logout, since a clock that far off (or a message replayed that late) makes every timestamp suspect. A
     * possible duplicate (PossDupFlag=Y) other than a SequenceReset also needs OrigSendingTime(122), not after its
     * SendingTime.
     *
     * @return whether the message goes on; its MsgSeqNum is used up either way.
     */
    private boolean checkSendingTime(final FixMessage message, final int msgSeqNum)
    {
        final long sendingTime = message.utcTimestampValue(Tags.SENDING_TIME);
        if (sendingTime == UtcTimestamp.INVALID)
        {
            reject(message, msgSeqNum, message.hasField(Tags.SENDING_TIME) ? SessionRejectReason.INCORRECT_DATA_FORMAT :
                SessionRejectReason.REQUIRED_TAG_MISSING, Tags.SENDING_TIME, SENDING_TIME_MISSING);
            return false;
        }
        if (Math.abs(sendingTime - clock.nanoTime()) > MAX_SENDING_TIME_SKEW_NS)
        {
            reject(message, msgSeqNum, SessionRejectReason.SENDING_TIME_ACCURACY_PROBLEM, Tags.SENDING_TIME,
                SENDING_TIME_TOO_FAR);
            logoutForProblem("SendingTime accuracy problem", lastReceivedNs);
            return false;
        }
        return checkOrigSendingTime(message, msgSeqNum, sendingTime);
    }

    /**
     * A possible duplicate (PossDupFlag=Y) other than a SequenceReset needs OrigSendingTime(122), a UTCTimestamp not
     * after its SendingTime ({@code sendingTime}, unless that is {@link UtcTimestamp#INVALID}): else Reject(3), and a
     * Logout too when it is after. In sequence or below it (QuickFIX/J's validatePossDup checks both).
     *
     * @return whether the message goes on.
     */
    private boolean checkOrigSendingTime(final FixMessage message, final int msgSeqNum, final long sendingTime)
    {
        // A gap fill is exempt, as in QuickFIX: it stands for messages, it is not one resent.
        if (message.msgType() == MsgTypes.SEQUENCE_RESET || !isPossDup(message))
        {
            return true;
        }
        final long origSendingTime = message.utcTimestampValue(Tags.ORIG_SENDING_TIME);
        if (origSendingTime == UtcTimestamp.INVALID)
        {
            reject(message, msgSeqNum, message.hasField(Tags.ORIG_SENDING_TIME) ?
                SessionRejectReason.INCORRECT_DATA_FORMAT : SessionRejectReason.REQUIRED_TAG_MISSING,
                Tags.ORIG_SENDING_TIME, "OrigSendingTime(122) is required with PossDupFlag(43)=Y");
            return false;
        }
        if (sendingTime != UtcTimestamp.INVALID && origSendingTime > sendingTime)
        {
            reject(message, msgSeqNum, SessionRejectReason.SENDING_TIME_ACCURACY_PROBLEM, Tags.ORIG_SENDING_TIME,
                "OrigSendingTime(122) after SendingTime(52)");
            logoutForProblem("SendingTime accuracy problem", lastReceivedNs);
            return false;
        }
        return true;
    }

    /**
     * One line for an inbound Reject(3) or BusinessMessageReject(j): allocates, as an error path may, within {@link
     * #rejectLines}' bound.
     */
    private void logRejectReceived(final FixMessage message)
    {
        final boolean session = message.msgType() == MsgTypes.REJECT;
        log.accept("session " + compId + ": " + (session ? "Reject(3)" : "BusinessMessageReject(j)") +
            " received: RefSeqNum(45) " + valueText(message, Tags.REF_SEQ_NUM) +
            ", RefMsgType(372) " + valueText(message, Tags.REF_MSG_TYPE) +
            ", Text(58) " + valueText(message, Tags.TEXT) +
            (session ? ", SessionRejectReason(373) " + valueText(message, Tags.SESSION_REJECT_REASON) :
                ", BusinessRejectReason(380) " + valueText(message, Tags.BUSINESS_REJECT_REASON)));
    }

    /**
     * A garbled message, which FIX has ignored (its MsgSeqNum not used up; the gap it leaves is asked for): counted as
     * any message ({@link #flooded}: reading it cost as much), and one line, within {@link #garbledLines}' bound:
     * allocates, as an error path may.
     */
    void onGarbled(final FramingError error, final long nowNs)
    {
        if (flooded(nowNs))
        {
            return;
        }
        logSuppressedGarbled(nowNs);
        if (garbledLines.tryLine(nowNs))
        {
            log.accept("session " + compId + ": garbled message ignored: " + error.text());
        }
    }

    private void logSuppressedGarbled(final long nowNs)
    {
        logSuppressed(garbledLines, "garbled messages ignored", nowNs);
    }

    /** The line saying how many inbound rejects were not logged one by one ({@link LogLimit}), when one is due. */
    private void logSuppressedRejects(final long nowNs)
    {
        logSuppressed(rejectLines, "Reject(3)/BusinessMessageReject(j) received", nowNs);
    }

    /** The same for the Reject(3)s this side sent ({@link #rejectSentLines}). */
    private void logSuppressedRejectsSent(final long nowNs)
    {
        logSuppressed(rejectSentLines, "messages rejected with Reject(3)", nowNs);
    }

    /** The line saying how many of {@code what} {@code limit} kept from being logged one by one, when one is due. */
    private void logSuppressed(final LogLimit limit, final String what, final long nowNs)
    {
        final long suppressed = limit.takeSuppressed(nowNs);
        if (suppressed > 0)
        {
            log.accept("session " + compId + ": " + suppressed + " more " + what + ", not logged one by one (at most " +
                LogLimit.BURST_LINES + " lines, then one a second)");
        }
    }

    private static String valueText(final FixMessage message, final int tag)
    {
        final int index = message.indexOf(tag);
        // Escaped: a peer's Text could otherwise forge lines of the operator's log (QA 129 F1).
        return index < 0 ? "none" :
            PeerText.of(message.buffer(), message.valueOffsetAt(index), message.valueLengthAt(index));
    }

    /**
     * Heartbeats when quiet, TestRequest when the client is, and a disconnect when it stays silent; after a
     * Logout this side sent, none of that, only the disconnect once the answer is overdue. And, logged on or not, the
     * lines counting the rejects received and sent not logged one by one, when due.
     */
    void onTimer(final long nowNs)
    {
        // Also once the connection is gone: the count of a flood's rejects is logged even when nothing follows it.
        logSuppressedRejects(nowNs);
        logSuppressedRejectsSent(nowNs);
        logSuppressedGarbled(nowNs);
        logSuppressedResets(nowNs);
        if (connection == null || connection.closeReason != null)
        {
            return;
        }
        if (logoutSent)
        {
            if (nowNs - logoutSentNs >= logoutTimeoutNs)
            {
                // Dropped without waiting further for the Logout to be read: the client had the whole timeout.
                connection.close("no Logout in answer within " + TimeUnit.NANOSECONDS.toMillis(logoutTimeoutNs) +
                    " ms; the next Logon asks for the client's messages not read");
            }
            return;
        }
        if (nowNs - lastSentNs >= heartbeatIntervalNs)
        {
            heartbeat(null);
        }
        final long silentNs = nowNs - lastReceivedNs;
        if (testRequestSentNs == 0 && silentNs >= heartbeatIntervalNs * (100 + TEST_REQUEST_GRACE_PERCENT) / 100)
        {
            final FixEncoder fix = begin(MsgTypes.TEST_REQUEST, SessionStore.NOT_RESENT);
            if (fix != null)
            {
                fix.putLong(Tags.TEST_REQ_ID, nowNs);
                commit();
                testRequestSentNs = nowNs;
            }
        }
        else if (testRequestSentNs != 0 && nowNs - testRequestSentNs >= heartbeatIntervalNs)
        {
            logoutAndClose("no heartbeat: silent for " + TimeUnit.NANOSECONDS.toSeconds(silentNs) + " s" +
                unfinishedMessage());
        }
    }

    /**
     * Bytes read but not yet a whole message, for the "no heartbeat" line: a client that did send, but whose
     * message announced more bytes than it sent (a BodyLength(9) too long, with nothing in it yet that shows where
     * it really ends), is told apart from one that went quiet.
     */
    private String unfinishedMessage()
    {
        final int held = connection.inboundLength;
        return held == 0 ? "" : " (" + held + " bytes of an unfinished message held: BodyLength(9) longer than sent?)";
    }

    /** Whether one more throttled message could be held ({@link HeldRejects#hasRoom}); else its reading waits. */
    boolean canHoldReject()
    {
        return heldRejects == null || heldRejects.hasRoom();
    }

    /** The connection is gone: the session waits, logged out, for the client to come back. */
    void onDisconnect(final String reason)
    {
        if (connection != null)
        {
            log.accept("session " + compId + " disconnected (" + reason + ")");
        }
        connection = null;
        caughtUp = false;
        logoutSent = false;
        logoutForProblem = false;
        unreadSinceLogout = false;
    }

    /**
     * Starts an outbound message under the next MsgSeqNum, recording {@code sentEntry} for resends: a report's
     * {@link SessionStore#entry}, {@link SessionStore#NOT_RESENT} for a message a resend gap-fills (session messages,
     * market data), or {@link SessionStore#MADE} for an application message the gateway makes itself, whose body
     * {@link #commit} keeps so that a resend sends it again.
     *
     * @return the encoder positioned after the standard header, or {@code null} when the session
     *     is not connected or its client has stopped reading (it is then being disconnected).
     */
    FixEncoder begin(final int msgType, final long sentEntry)
    {
        if (!hasRoom())
        {
            return null;
        }
        final boolean made = sentEntry == SessionStore.MADE;
        final int msgSeqNum = store.claimSenderMsgSeqNum(made ? SessionStore.NOT_RESENT : sentEntry);
        final long sendingTimeNs = clock.nanoTime();
        encoder.wrap(connection.outboundBuffer, connection.outboundLength)
            .begin(msgType, gatewayCompId, compId, msgSeqNum, sendingTimeNs);
        madeMsgSeqNum = made ? msgSeqNum : 0;
        if (made)
        {
            madeMsgType = msgType;
            madeSendingTimeNs = sendingTimeNs;
            madeBodyOffset = encoder.position();
        }
        return encoder;
    }

    /**
     * Starts a report made from a journaled event, unless the session has had it already: reports
     * go out in sent-index entry order, so the last one sent is the whole cursor.
     */
    FixEncoder beginReport(final int msgType, final long entry)
    {
        if (entry <= store.lastReportEntry())
        {
            return null;
        }
        final FixEncoder fix = begin(msgType, entry);
        if (fix != null)
        {
            pendingReportEntry = entry;
        }
        return fix;
    }

    void commitReport()
    {
        commit();
        store.lastReportEntry(pendingReportEntry);
    }

    /** Starts a message sent again under its original MsgSeqNum, for a ResendRequest. */
    FixEncoder beginResent(final int msgType, final int msgSeqNum, final long origSendingTimeNs)
    {
        if (!hasRoom())
        {
            return null;
        }
        madeMsgSeqNum = 0;
        encoder.wrap(connection.outboundBuffer, connection.outboundLength)
            .beginPossDup(msgType, gatewayCompId, compId, msgSeqNum, clock.nanoTime(), origSendingTimeNs);
        return encoder;
    }

    /**
     * Sends again the application message the gateway made itself under {@code msgSeqNum}, whose sent-index entry is
     * {@code entry} (one the store {@link SessionStore#holdsMade}): its stored body under the same MsgSeqNum, with
     * PossDupFlag=Y and its first SendingTime as OrigSendingTime.
     */
    void resendMade(final int msgSeqNum, final long entry)
    {
        final MadeMessages made = store.madeMessages();
        final long record = SessionStore.madeRecordOf(entry);
        final FixEncoder fix = beginResent(made.msgType(record), msgSeqNum, made.sendingTimeNs(record));
        if (fix != null)
        {
            fix.putFields(made.buffer(), made.bodyOffset(record), made.bodyLength(record));
            commit();
        }
    }

    /** Completes the message begun last (keeping its body when the gateway made it: {@link SessionStore#MADE}). */
    void commit()
    {
        if (madeMsgSeqNum != 0)
        {
            store.made(madeMsgSeqNum, madeMsgType, madeSendingTimeNs, encoder.buffer(), madeBodyOffset,
                encoder.position() - madeBodyOffset);
            madeMsgSeqNum = 0;
        }
        connection.outboundLength += encoder.finish();
        lastSentNs = System.nanoTime();
    }

    /** SequenceReset-GapFill: the messages {@code from} up to {@code newSeqNo - 1} are not sent again. */
    void gapFill(final int from, final int newSeqNo)
    {
        final FixEncoder fix = beginResent(MsgTypes.SEQUENCE_RESET, from, clock.nanoTime());
        if (fix != null)
        {
            fix.putBoolean(Tags.GAP_FILL_FLAG, true).putInt(Tags.NEW_SEQ_NO, newSeqNo);
            commit();
        }
    }

    /**
     * A SequenceReset whose NewSeqNo(36) is missing (373=1), no number (373=6, incorrect data format, as any field of
     * the wrong format; one beyond 32 bits included, which the parser refuses as it refuses a missing one, as a
     * ResendRequest's EndSeqNo(16) is) or not positive (373=5) is rejected as such, not compared as a number.
     * @return whether.
     */
    private boolean rejectedNewSeqNo(final FixMessage message, final int msgSeqNum, final int newSeqNo)
    {
        if (newSeqNo != FixMessage.NULL_INT && newSeqNo > 0)
        {
            if (newSeqNo - (long)store.reachedTargetMsgSeqNum() <= MAX_SEQUENCE_JUMP)
            {
                return false;
            }
            // Allocates, on a refusal only. Named as the Logon's refusal names them (QA 97); a gap fill, often the
            // answer to a ResendRequest, may also go on in steps of at most a million, which are taken.
            reject(message, msgSeqNum, SessionRejectReason.VALUE_IS_INCORRECT, Tags.NEW_SEQ_NO,
                tooFarAhead("NewSeqNo(36)", store.nextTargetMsgSeqNum(), newSeqNo) + (isGapFill(message) ?
                "gap-fill in steps of at most " + MAX_SEQUENCE_JUMP + ", or " : "") + LOG_ON_WITH_RESET);
            return true;
        }
        final SessionRejectReason reason = !message.hasField(Tags.NEW_SEQ_NO) ?
            SessionRejectReason.REQUIRED_TAG_MISSING :
            newSeqNo == FixMessage.NULL_INT ? SessionRejectReason.INCORRECT_DATA_FORMAT :
            SessionRejectReason.VALUE_IS_INCORRECT;
        reject(message, msgSeqNum, reason, Tags.NEW_SEQ_NO, reason == SessionRejectReason.REQUIRED_TAG_MISSING ?
            "NewSeqNo(36) missing" : reason == SessionRejectReason.INCORRECT_DATA_FORMAT ?
            "NewSeqNo(36) is no 32-bit number" : "NewSeqNo(36) is not a positive number");
        return true;
    }

    /** The start of the refusal of a number more than {@link #MAX_SEQUENCE_JUMP} ahead (allocates: a refusal). */
    private static String tooFarAhead(final String field, final int expected, final int received)
    {
        return field + " too high, expecting " + expected + " but received " + received + ": more than " +
            MAX_SEQUENCE_JUMP + " ahead; ";
    }

    /**
     * Whether the message has every tag of {@code requiredTags} (its type's table of the fields FIX 4.4 marks required
     * that the gateway reads). Otherwise it has been answered with Reject(3), SessionRejectReason(373) 1 and
     * RefTagID(371) the first missing one, and is not to be acted on: the one answer to a missing required field.
     */
    boolean checkRequired(final FixMessage message, final int msgSeqNum, final int[] requiredTags)
    {
        return rejectUnless(message.checkRequired(requiredTags), message, msgSeqNum, "required tag missing");
    }

    /**
     * Whether none of {@code singleTags} (the fields outside repeating groups an application handler reads) appears
     * twice. Otherwise it has been answered with Reject(3), SessionRejectReason(373) 13 and RefTagID(371) the first
     * repeated one, and is not to be acted on: which of the two the client meant would be a guess.
     */
    boolean checkSingle(final FixMessage message, final int msgSeqNum, final int[] singleTags)
    {
        return rejectUnless(message.checkSingle(singleTags), message, msgSeqNum, TAG_TWICE);
    }

    /**
     * Whether {@code tag}, when the message has it, is of {@code type} (every occurrence). Otherwise it has been
     * answered with Reject(3), SessionRejectReason(373) 6 (incorrect data format for value) and RefTagID(371) the tag,
     * and {@code text}, and is not to be acted on. Presence is {@link #checkRequired}'s to check.
     */
    boolean checkFormat(final FixMessage message, final int msgSeqNum, final int tag, final FieldType type,
        final String text)
    {
        return rejectUnless(message.checkFormat(tag, type), message, msgSeqNum, text);
    }

    /**
     * {@code passed}, the outcome of one of {@link FixMessage}'s checks; when it failed, the message is answered
     * with Reject(3) carrying the reason and RefTagID(371) that check set, and {@code text}, and is not to be acted
     * on. The one way every such check is answered.
     */
    boolean rejectUnless(final boolean passed, final FixMessage message, final int msgSeqNum, final String text)
    {
        if (!passed)
        {
            reject(message, msgSeqNum, message.rejectReason(), message.refTagId(), text);
        }
        return passed;
    }

    /** Session-level Reject(3) of an inbound message. */
    void reject(final FixMessage message, final int refSeqNum, final SessionRejectReason reason, final int refTagId,
        final String text)
    {
        final int msgTypeIndex = message == null ? -1 : message.headerMsgTypeIndex();
        if (msgTypeIndex < 0)
        {
            reject(refSeqNum, reason, refTagId, text, null, -1, 0);
            return;
        }
        reject(refSeqNum, reason, refTagId, text, message.buffer(), message.valueOffsetAt(msgTypeIndex),
            message.valueLengthAt(msgTypeIndex));
    }

    /** Reject(3) with RefMsgType(372) the {@code msgTypeLength} bytes at {@code msgTypeOffset} (none when negative). */
    private void reject(final int refSeqNum, final SessionRejectReason reason, final int refTagId, final String text,
        final DirectBuffer msgTypeBuffer, final int msgTypeOffset, final int msgTypeLength)
    {
        if (!answering)
        {
            return; // a session message over the throttle: see withinThrottle
        }
        final FixEncoder fix = begin(MsgTypes.REJECT, SessionStore.NOT_RESENT);
        if (fix == null)
        {
            return;
        }
        fix.putInt(Tags.REF_SEQ_NUM, refSeqNum == FixMessage.NULL_INT ? 0 : refSeqNum);
        if (refTagId > 0)
        {
            fix.putInt(Tags.REF_TAG_ID, refTagId);
        }
        if (msgTypeOffset >= 0 && msgTypeLength > 0)
        {
            fix.putString(Tags.REF_MSG_TYPE, msgTypeBuffer, msgTypeOffset, msgTypeLength);
        }
        fix.putInt(Tags.SESSION_REJECT_REASON, reason.code());
        if (text != null)
        {
            fix.putString(Tags.TEXT, text);
        }
        commit();
    }

    /**
     * Starts a logout that waits for the client's answer (FIX 4.4 vol. 2: the side that sends the first Logout
     * disconnects once the other's Logout comes): sends Logout with {@code text} and keeps reading. Messages
     * that come meanwhile are handled as ever (answered, their MsgSeqNums used up), but for application messages
     * after a {@link #logoutForProblem}; the answering Logout closes the connection ({@link #onLogoutAnswer}), and
     * {@link #onTimer} closes it when none comes within the timeout.
     */
    void logout(final String text, final long nowNs)
    {
        if (connection == null || connection.closeReason != null || logoutSent)
        {
            return;
        }
        final FixEncoder fix = begin(MsgTypes.LOGOUT, SessionStore.NOT_RESENT);
        if (fix == null)
        {
            return; // the client has stopped reading: begin closed the connection
        }
        fix.putString(Tags.TEXT, text);
        commit();
        logoutSent = true;
        logoutSentNs = nowNs;
        log.accept("session " + compId + ": logout: " + text);
    }

    /**
     * Logout for a problem of the client's that leaves the session usable until it answers (a MsgSeqNum too low, a
     * SendingTime too far off): FIX 4.4 vol. 2 has the initiator wait for the answering Logout (bounded: {@link
     * #onTimer} disconnects after the logout timeout) rather than disconnect at once, which the counterparty cannot
     * tell from a lost connection. A failed Logon, or a stream that can no longer be read, still ends at once
     * ({@link #logoutAndClose}). Nothing happens when a Logout is out already.
     */
    void logoutForProblem(final String text, final long nowNs)
    {
        if (!logoutSent)
        {
            logout(text, nowNs);
            logoutForProblem = logoutSent;
        }
    }

    /**
     * The client's Logout while this side's awaits its answer: the answer, whatever its MsgSeqNum (after "MsgSeqNum
     * too low" it is likely too low as well, FIX says). Used up when it is the one expected, so that the next Logon
     * carries on without a gap; one beyond it leaves the gap for that Logon to ask for.
     */
    private void onLogoutAnswer(final int msgSeqNum)
    {
        // Not used up when it cannot be recorded: the next Logon, refused or not, judges by the numbers as they were.
        if (msgSeqNum == store.nextTargetMsgSeqNum() && store.received(msgSeqNum, SessionStore.NOTHING_ENTERED))
        {
            store.nextTargetMsgSeqNum(msgSeqNum + 1);
        }
        connection.closeAfterFlush("Logout answered");
    }

    private static boolean isApplicationMessage(final int msgType)
    {
        switch (msgType)
        {
            case MsgTypes.HEARTBEAT:
            case MsgTypes.TEST_REQUEST:
            case MsgTypes.RESEND_REQUEST:
            case MsgTypes.REJECT:
            case MsgTypes.SEQUENCE_RESET:
            case MsgTypes.LOGOUT:
            case MsgTypes.LOGON:
                return false;
            default:
                return true;
        }
    }

    /**
     * A Logout from the client: the answer to the one this side sent, which ends the connection; otherwise the
     * client starts the logout, and is answered with one.
     */
    private void onLogout()
    {
        if (logoutSent)
        {
            connection.closeAfterFlush("Logout answered");
            return;
        }
        logoutAndClose(null);
    }

    /**
     * The received index cannot grow to record an inbound message ({@link SessionStore#received}): the message is not
     * taken (its MsgSeqNum not used up, so the client sends it again once the session logs on), and the session is
     * logged out saying why. Its next Logon is refused the same way until the file can be written
     * ({@link SessionStore#canReceive}): one Logout per attempt, which a FIX engine shows its operator, rather than a
     * disconnect at every message. Other sessions, whose files are their own, trade on.
     */
    private void refuseUnrecorded()
    {
        logoutAndClose(cannotRecordInbound());
    }

    /** Text(58) of the Logout of a session whose inbound messages cannot be recorded: made at a refusal only. */
    private String cannotRecordInbound()
    {
        if (store.receivedIndexFull())
        {
            // Nothing to repair (QA 96): the numbers start again at 1 with a reset, which is let in.
            // Without the server's file path (QA 97): the client needs the count and the way on.
            return "more than " + Integer.MAX_VALUE / 8 + " messages in one session: " + LOG_ON_WITH_RESET;
        }
        return "session state cannot be written: " + store.receivedIndexProblem() + "; logons are refused until " +
            "the exchange's operator repairs it";
    }

    /** A problem of this session's state the operator should know of, on the gateway's log. */
    void warn(final String text)
    {
        log.accept("session " + compId + ": WARNING " + text);
    }

    /** Sends Logout (with a reason unless answering one) and disconnects once it is written. */
    void logoutAndClose(final String text)
    {
        logoutAndClose(text, text, true);
    }

    /**
     * @param closeReason the connection's, as the gateway's line about its closing says it.
     * @param logged      whether the Logout's reason is logged here: not for a refused logon, whose connection's
     *                    closing line (bounded: a client may retry in a loop) says it (QA 97: 2,990 lines in 10 s).
     */
    private void logoutAndClose(final String text, final String closeReason, final boolean logged)
    {
        if (connection == null)
        {
            return;
        }
        final FixEncoder fix = begin(MsgTypes.LOGOUT, SessionStore.NOT_RESENT);
        if (fix != null)
        {
            if (text != null)
            {
                fix.putString(Tags.TEXT, text);
            }
            commit();
        }
        if (text != null && logged)
        {
            log.accept("session " + compId + ": logout: " + text);
        }
        connection.closeAfterFlush(closeReason == null ? "logout" : closeReason);
    }

    /**
     * Whether this session, not logged on, has sent nothing yet: a Logout refusing a logon of it then goes out under
     * its MsgSeqNum 1 and takes it ({@link #refuseCredentials}); otherwise under 1, taking nothing (GatewayAgent).
     */
    boolean refusesUnderItsFirstNumber()
    {
        return connection == null && store.nextSenderMsgSeqNum() == 1;
    }

    /**
     * A Logon of this session, which has sent nothing yet ({@link #refusesUnderItsFirstNumber}), with a wrong username
     * or password: refused with a Logout under its MsgSeqNum 1, which it takes (a resend gap-fills it). Not taken (QA
     * 108), a client at 1 took the Logout as its 1, and the next logon's answer, 1 again, was too low for it
     * (QuickFIX/J disconnects). A session further on refuses under 1 too, taking nothing (a client expecting another
     * number takes nothing either), so the Logout tells whoever sent the Logon nothing of the session (QA 129 F3: it
     * went out under the session's next number, or 1 while logged on). Its Logon's MsgSeqNum is not taken.
     *
     * @param text   what the client is told.
     * @param reason what the log says.
     */
    void refuseCredentials(final Connection newConnection, final String text, final String reason, final long nowNs)
    {
        bind(newConnection, nowNs);
        logoutAndClose(text, "logon refused for " + compId + ": " + reason, false);
        connection = null;
    }

    private void bind(final Connection newConnection, final long nowNs)
    {
        connection = newConnection;
        newConnection.session = this;
        caughtUp = false;
        catchUpParts = 0; // a catch-up cut short by a disconnect begins afresh
        logoutSent = false;
        logoutForProblem = false;
        unreadSinceLogout = false;
        testRequestSentNs = 0;
        lastReceivedNs = nowNs;
    }

    /**
     * Logout to a Logon that fails the session checks, then lets go of its connection: the session
     * was never logged on over it, so it must not stay attached (and refuse every later logon as
     * "already logged on") once that connection is gone.
     */
    private boolean refuseLogon(final String text)
    {
        logoutAndClose(text, "logon refused for " + compId + ": " + text, false);
        connection = null;
        return false;
    }

    private void requestResend(final int from, final int through)
    {
        final FixEncoder fix = begin(MsgTypes.RESEND_REQUEST, SessionStore.NOT_RESENT);
        if (fix != null)
        {
            fix.putInt(Tags.BEGIN_SEQ_NO, from).putInt(Tags.END_SEQ_NO, 0);
            commit();
            resendRequestedFrom = from;
            resendRequestedThrough = through;
        }
    }

    private void heartbeat(final FixMessage testRequest)
    {
        final FixEncoder fix = begin(MsgTypes.HEARTBEAT, SessionStore.NOT_RESENT);
        if (fix == null)
        {
            return;
        }
        if (testRequest != null && testRequest.hasField(Tags.TEST_REQ_ID))
        {
            final int index = testRequest.indexOf(Tags.TEST_REQ_ID);
            fix.putString(Tags.TEST_REQ_ID, testRequest.buffer(), testRequest.valueOffsetAt(index),
                testRequest.valueLengthAt(index));
        }
        commit();
    }

    private boolean hasRoom()
    {
        if (connection == null)
        {
            return false;
        }
        if (!connection.hasRoom() && connection.closeReason == null)
        {
            // The bound is on what the client has not taken: hand the socket what it will take first.
            try
            {
                connection.flush();
            }
            catch (final IOException ex)
            {
                connection.close("write failed: " + ex.getMessage());
                return false;
            }
            if (!connection.hasRoom() && !caughtUp)
            {
                awaitClientReading();
            }
            if (!connection.hasRoom() && connection.closeReason == null)
            {
                connection.close("slow consumer: " + connection.outboundLength + " bytes unread by the client");
            }
        }
        return connection.hasRoom();
    }

    /**
     * A catch-up or resend regenerates a journal record's reports together, and one record can hold
     * more than the outbound bound (the cancels of a mass cancel of thousands of orders): rather than
     * drop a client that is reading, wait a little for it to take them. Bounded, because it holds the
     * gateway thread; only a session that is catching up ever waits here.
     */
    private void awaitClientReading()
    {
        final long deadlineNs = System.nanoTime() + BULK_WAIT_NS;
        try
        {
            while (!connection.hasRoom() && connection.closeReason == null && System.nanoTime() < deadlineNs)
            {
                LockSupport.parkNanos(BULK_WAIT_STEP_NS);
                connection.flush();
            }
        }
        catch (final IOException ex)
        {
            connection.close("write failed: " + ex.getMessage());
        }
    }

    private static boolean isResetSeqNum(final FixMessage logon)
    {
        return logon.hasField(Tags.RESET_SEQ_NUM_FLAG) && logon.booleanValue(Tags.RESET_SEQ_NUM_FLAG);
    }

    private static boolean isReject(final int msgType)
    {
        return msgType == MsgTypes.REJECT || msgType == MsgTypes.BUSINESS_MESSAGE_REJECT;
    }

    private static boolean isPossDup(final FixMessage message)
    {
        return message.hasField(Tags.POSS_DUP_FLAG) && message.booleanValue(Tags.POSS_DUP_FLAG);
    }

    private static boolean isGapFill(final FixMessage message)
    {
        return message.hasField(Tags.GAP_FILL_FLAG) && message.booleanValue(Tags.GAP_FILL_FLAG);
    }
}
