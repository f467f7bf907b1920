package dev.tessera.fix;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

class FixEncoderTest
{
    private static final long SENDING_TIME = nanos("2026-05-10T12:34:56.789123456Z");

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[4096]);
    private final FixEncoder encoder = new FixEncoder();
    private final FixFraming framing = new FixFraming(4096);
    private final FixMessage message = new FixMessage();

    @Test
    void shouldEncodeTheHandComputedHeartbeat()
    {
        final int length = encoder.wrap(buffer, 0)
            .begin(MsgTypes.HEARTBEAT, "CLIENT", "TESSERA", 1, SENDING_TIME)
            .finish();
        // Body "35=0|49=CLIENT|56=TESSERA|34=1|52=20260510-12:34:56.789|" is 56 bytes; see FixFramingTest for 186.
        assertThat(FixText.pipes(buffer, 0, length))
            .isEqualTo("8=FIX.4.4|9=56|35=0|49=CLIENT|56=TESSERA|34=1|52=20260510-12:34:56.789|10=186|");
    }

    @Test
    void shouldWriteEveryKindOfField()
    {
        final int length = encoder.wrap(buffer, 0)
            .begin(MsgTypes.EXECUTION_REPORT, "TESSERA", "CLIENT", 1234, SENDING_TIME)
            .putLong(Tags.ORDER_ID, 9_000_000_000L)
            .putString(Tags.CL_ORD_ID, "ORD-1")
            .putPrefixedLong(Tags.EXEC_ID, 'S', 1_795_398_028_329_818_246L)
            .putString(Tags.SYMBOL, FixText.buffer("xxTSLAxx"), 2, 4)
            .putChar(Tags.SIDE, '2')
            .putInt(Tags.CUM_QTY, -7)
            .putDecimal(Tags.PRICE, 1_902_500, 4)
            .putDecimal(Tags.AVG_PX, 1_900_000, 4)
            .putDecimal(Tags.LAST_PX, -5, 3)
            .putBoolean(Tags.POSS_RESEND, false)
            .putUtcTimestamp(Tags.TRANSACT_TIME, SENDING_TIME)
            .putUtcTimestamp(Tags.EXPIRE_TIME, SENDING_TIME, UtcTimestamp.MICROS)
            .putString(Tags.TEXT, "caf\u00e9 = ok")
            .finish();
        final String text = FixText.pipes(buffer, 0, length);
        assertThat(text).contains("|35=8|49=TESSERA|56=CLIENT|34=1234|52=20260510-12:34:56.789|" +
            "37=9000000000|11=ORD-1|17=S1795398028329818246|55=TSLA|54=2|14=-7|44=190.25|6=190|31=-0.005|97=N|" +
            "60=20260510-12:34:56.789|126=20260510-12:34:56.789123|58=caf? = ok|10=");
        assertThat(framing.frame(buffer, 0, length)).isEqualTo(length);
    }

    @Test
    void shouldWriteTheRealBodyLengthWithoutPaddingForEveryNumberOfDigits()
    {
        // Body lengths of 2 to 6 digits: the body moves left by the digits not needed, the message starts at the offset.
        final int[] textLengths = {0, 1, 60, 1_000, 10_000, 100_000};
        final UnsafeBuffer large = new UnsafeBuffer(new byte[300_000]);
        final FixFraming roomy = new FixFraming(300_000);
        final Set<Integer> digitCounts = new TreeSet<>();
        for (final int textLength : textLengths)
        {
            encoder.wrap(large, 100).begin(MsgTypes.HEARTBEAT, "C", "T", 1, SENDING_TIME);
            if (textLength > 0)
            {
                encoder.putString(Tags.TEXT, "x".repeat(textLength));
            }
            final int bodyLength = encoder.bodyLength();
            final int length = encoder.finish();
            final String text = FixText.soh(FixText.pipes(large, 100, length));
            final int digits = Integer.toString(bodyLength).length();

            assertThat(text).startsWith(FixText.soh("8=FIX.4.4|9=" + bodyLength + "|35=0|"));
            assertThat(FixText.bodyLengthOf(text)).isEqualTo(bodyLength);
            assertThat(text).endsWith(String.format("10=%03d\u0001", FixText.checkSumOf(text)));
            digitCounts.add(digits);
            assertThat(roomy.frame(large, 100, length)).isEqualTo(length);
            assertThat(large.getByte(100 + length)).as("nothing written after the message").isZero();
        }
        assertThat(digitCounts).containsExactly(2, 3, 4, 5, 6);
    }

    @Test
    void shouldMarkAResentMessageAsPossibleDuplicateWithItsOriginalSendingTime()
    {
        final long original = nanos("2026-05-10T09:00:00.001Z");
        final int length = encoder.wrap(buffer, 0)
            .beginPossDup(MsgTypes.EXECUTION_REPORT, "TESSERA", "CLIENT", 17, SENDING_TIME, original)
            .putString(Tags.EXEC_ID, "E1")
            .finish();
        assertThat(FixText.pipes(buffer, 0, length))
            .contains("|35=8|49=TESSERA|56=CLIENT|34=17|52=20260510-12:34:56.789|43=Y|122=20260510-09:00:00.001|17=E1|");
        assertThat(message.wrap(buffer, 0, length)).isTrue();
        assertThat(message.booleanValue(Tags.POSS_DUP_FLAG)).isTrue();
        assertThat(message.utcTimestampValue(Tags.ORIG_SENDING_TIME)).isEqualTo(original);
    }

    @Test
    void shouldNeverWriteAnOriginalSendingTimeLaterThanTheNewOne()
    {
        final long afterTheClockSteppedBack = nanos("2026-05-10T13:00:00.000Z");
        final int length = encoder.wrap(buffer, 0)
            .beginPossDup(MsgTypes.EXECUTION_REPORT, "TESSERA", "CLIENT", 17, SENDING_TIME, afterTheClockSteppedBack)
            .finish();
        assertThat(message.wrap(buffer, 0, length)).isTrue();
        assertThat(message.utcTimestampValue(Tags.ORIG_SENDING_TIME))
            .isEqualTo(message.utcTimestampValue(Tags.SENDING_TIME));
    }

    @Test
    void shouldWriteADataFieldThatTheDecoderReadsBack()
    {
        final UnsafeBuffer raw = FixText.buffer("k=v|k2=v2");
        final int length = encoder.wrap(buffer, 0)
            .begin(MsgTypes.LOGON, "C", "T", 1, SENDING_TIME)
            .putInt(Tags.ENCRYPT_METHOD, 0)
            .putInt(Tags.HEART_BT_INT, 30)
            .putData(Tags.RAW_DATA_LENGTH, Tags.RAW_DATA, raw, 0, raw.capacity())
            .finish();
        assertThat(framing.frame(buffer, 0, length)).isEqualTo(length);
        assertThat(message.wrap(buffer, 0, length)).isTrue();
        final int index = message.indexOf(Tags.RAW_DATA);
        assertThat(FixText.pipes(buffer, message.valueOffsetAt(index), message.valueLengthAt(index))).isEqualTo("k=v|k2=v2");
    }

    @Test
    void shouldEncodeTwoCharacterMsgTypes()
    {
        final int length = encoder.wrap(buffer, 0).begin(MsgTypes.code("AE"), "C", "T", 1, SENDING_TIME).finish();
        assertThat(FixText.pipes(buffer, 0, length)).contains("|35=AE|");
        assertThat(message.wrap(buffer, 0, length)).isTrue();
        assertThat(message.msgType()).isEqualTo(MsgTypes.code("AE"));
    }

    @Test
    void shouldEncodeMessagesBackToBackInOneBuffer()
    {
        final int first = encoder.wrap(buffer, 0).begin(MsgTypes.HEARTBEAT, "C", "T", 1, SENDING_TIME).finish();
        final int second = encoder.wrap(buffer, first).begin(MsgTypes.TEST_REQUEST, "C", "T", 2, SENDING_TIME)
            .putString(Tags.TEST_REQ_ID, "T1").finish();
        // Contiguous: the stream frames as the two messages, back to back.
        assertThat(framing.frame(buffer, 0, first + second)).isEqualTo(first);
        assertThat(framing.frame(buffer, first, second)).isEqualTo(second);
        assertThat(message.wrap(buffer, first, second)).isTrue();
        assertThat(message.intValue(Tags.MSG_SEQ_NUM)).isEqualTo(2);
        assertThat(message.valueEquals(Tags.TEST_REQ_ID, "T1")).isTrue();
    }

    private static long nanos(final String instant)
    {
        return ChronoUnit.NANOS.between(Instant.EPOCH, Instant.parse(instant));
    }

    /** MDEntryDate(272) and MDEntryTime(273): one instant split into a UTCDateOnly and a UTCTimeOnly. */
    @Test
    void shouldWriteAnInstantAsADateOnlyAndATimeOnly()
    {
        final int length = encoder.wrap(buffer, 0)
            .begin(MsgTypes.MARKET_DATA_SNAPSHOT_FULL_REFRESH, "TESSERA", "CLIENT", 1, SENDING_TIME)
            .putUtcDateAndTimeOnly(Tags.MD_ENTRY_DATE, Tags.MD_ENTRY_TIME, nanos("2024-02-29T23:59:58.123456789Z"))
            .putUtcDateAndTimeOnly(Tags.MD_ENTRY_DATE, Tags.MD_ENTRY_TIME, nanos("1969-12-31T00:00:00.000Z"))
            .finish();
        assertThat(FixText.pipes(buffer, 0, length)).contains("|52=20260510-12:34:56.789|" +
            "272=20240229|273=23:59:58.123|272=19691231|273=00:00:00.000|10=");
        assertThat(framing.frame(buffer, 0, length)).isEqualTo(length);
    }

    @Test
    void shouldWriteTimestampsExactlyWhenReusingTheTextOfTheSameSecond()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        final UnsafeBuffer expected = new UnsafeBuffer(new byte[64]);
        final FixEncoder encoder = new FixEncoder();
        // Steps of 0.3 s from just before midnight at the end of a leap February: many messages per second,
        // second, minute, hour, day and month boundaries, and a jump back in time.
        long nanos = Instant.parse("2024-02-29T23:59:58.100Z").toEpochMilli() * 1_000_000L;
        for (int i = 0; i < 40; i++)
        {
            nanos += i == 30 ? -5_000_000_000L : 300_000_000L;
            for (final int digits : new int[] {UtcTimestamp.MILLIS, UtcTimestamp.SECONDS, UtcTimestamp.NANOS})
            {
                encoder.wrap(buffer, 0).begin(MsgTypes.HEARTBEAT, "A", "B", 1, 0).putUtcTimestamp(Tags.TRANSACT_TIME, nanos, digits);
                final int length = encoder.finish();
                final String message = buffer.getStringWithoutLengthAscii(0, length);
                final int expectedLength = UtcTimestamp.put(expected, 0, nanos, digits);
                assertThat(message).contains("\u000160=" + expected.getStringWithoutLengthAscii(0, expectedLength) + "\u0001");
            }
        }
    }
}
