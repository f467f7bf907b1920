package dev.tessera.fix;

import org.agrona.AsciiSequenceView;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static dev.tessera.fix.FixText.buffer;
import static dev.tessera.fix.FixText.message;
import static org.assertj.core.api.Assertions.assertThat;

class FixMessageTest
{
    private static final String NEW_ORDER_SINGLE = message(
        "35=D|49=CLIENT|56=TESSERA|34=42|52=20260510-12:34:56.789|" +
        "11=ORD-0001|1=ACC7|55=TSLA|54=1|60=20260510-12:34:56.123|38=1500|40=2|44=190.25|59=0|18=6|43=N|");
    private static final String MARKET_DATA_REQUEST = message(
        "35=V|49=CLIENT|56=TESSERA|34=3|52=20260510-12:34:56.789|" +
        "262=MD1|263=1|264=10|267=3|269=0|269=1|269=2|146=2|55=TSLA|55=AAPL|");

    private final FixMessage message = new FixMessage();
    private final AsciiSequenceView view = new AsciiSequenceView();

    @Test
    void shouldReadEveryKindOfValueInPlace()
    {
        assertThat(wrap(NEW_ORDER_SINGLE)).isTrue();
        assertThat(message.rejectReason()).isEqualTo(SessionRejectReason.NONE);
        assertThat(message.msgType()).isEqualTo(MsgTypes.NEW_ORDER_SINGLE);
        assertThat(message.fieldCount()).isEqualTo(19);
        assertThat(message.intValue(Tags.MSG_SEQ_NUM)).isEqualTo(42);
        assertThat(message.longValue(Tags.ORDER_QTY)).isEqualTo(1500);
        assertThat(message.charValue(Tags.SIDE)).isEqualTo('1');
        assertThat(message.charValue(Tags.ORD_TYPE)).isEqualTo('2');
        assertThat(message.booleanValue(Tags.POSS_DUP_FLAG)).isFalse();
        assertThat(message.decimalValue(Tags.PRICE, 2)).isEqualTo(19025);
        assertThat(message.decimalValue(Tags.PRICE, 4)).isEqualTo(1902500);
        assertThat(message.decimalValue(Tags.PRICE, 1)).isEqualTo(FixDecimal.NOT_EXACT);
        assertThat(message.decimalValue(Tags.ORDER_QTY, 0)).isEqualTo(1500);
        assertThat(message.utcTimestampValue(Tags.SENDING_TIME))
            .isEqualTo(ChronoUnit.NANOS.between(Instant.EPOCH, Instant.parse("2026-05-10T12:34:56.789Z")));
        assertThat(message.stringValue(Tags.CL_ORD_ID, view).toString()).isEqualTo("ORD-0001");
        assertThat(message.valueEquals(Tags.SENDER_COMP_ID, "CLIENT")).isTrue();
        assertThat(message.valueEquals(Tags.SENDER_COMP_ID, "CLIENT2")).isFalse();
        assertThat(message.valueEquals(Tags.TARGET_COMP_ID, "TESSERB")).isFalse();

        final UnsafeBuffer copy = new UnsafeBuffer(new byte[16]);
        assertThat(message.copyValue(Tags.SYMBOL, copy, 2)).isEqualTo(4);
        assertThat(FixText.ascii(copy, 2, 4)).isEqualTo("TSLA");
    }

    @Test
    void shouldAnswerSentinelsForAbsentFields()
    {
        assertThat(wrap(NEW_ORDER_SINGLE)).isTrue();
        assertThat(message.hasField(Tags.STOP_PX)).isFalse();
        assertThat(message.indexOf(Tags.STOP_PX)).isEqualTo(-1);
        assertThat(message.intValue(Tags.STOP_PX)).isEqualTo(FixMessage.NULL_INT);
        assertThat(message.longValue(Tags.STOP_PX)).isEqualTo(FixMessage.NULL_LONG);
        assertThat(message.charValue(Tags.STOP_PX)).isEqualTo(FixMessage.NULL_CHAR);
        assertThat(message.booleanValue(Tags.STOP_PX)).isFalse();
        assertThat(message.decimalValue(Tags.STOP_PX, 2)).isEqualTo(FixDecimal.MALFORMED);
        assertThat(message.utcTimestampValue(Tags.STOP_PX)).isEqualTo(UtcTimestamp.INVALID);
        assertThat(message.stringValue(Tags.STOP_PX, view.wrap(buffer("x"), 0, 1)).length()).isZero();
        assertThat(message.copyValue(Tags.STOP_PX, new UnsafeBuffer(new byte[4]), 0)).isEqualTo(-1);
        assertThat(message.valueEquals(Tags.STOP_PX, "")).isFalse();
        assertThat(message.indexOf(5000)).isEqualTo(-1);
        assertThat(message.indexOf(-1)).isEqualTo(-1);
    }

    @Test
    void shouldKeepEveryOccurrenceOfARepeatingGroupInOrder()
    {
        assertThat(wrap(MARKET_DATA_REQUEST)).isTrue();
        assertThat(message.msgType()).isEqualTo(MsgTypes.MARKET_DATA_REQUEST);

        final int noMdEntryTypes = message.indexOf(Tags.NO_MD_ENTRY_TYPES);
        final int count = message.intValueAt(noMdEntryTypes);
        final StringBuilder types = new StringBuilder();
        int entry = noMdEntryTypes;
        for (int i = 0; i < count; i++)
        {
            entry = message.indexOf(Tags.MD_ENTRY_TYPE, entry + 1);
            types.append(message.charValueAt(entry));
        }
        assertThat(types).hasToString("012");

        final int noRelatedSym = message.indexOf(Tags.NO_RELATED_SYM);
        final int first = message.indexOf(Tags.SYMBOL, noRelatedSym);
        final int second = message.indexOf(Tags.SYMBOL, first + 1);
        assertThat(message.stringValueAt(first, view).toString()).isEqualTo("TSLA");
        assertThat(message.stringValueAt(second, view).toString()).isEqualTo("AAPL");
        assertThat(message.indexOf(Tags.SYMBOL, second + 1)).isEqualTo(-1);
        assertThat(message.charValue(Tags.MD_ENTRY_TYPE)).as("by tag: the first occurrence").isEqualTo('0');

        assertThat(message.checkGroupCount(Tags.NO_MD_ENTRY_TYPES, Tags.MD_ENTRY_TYPE)).isTrue();
        assertThat(message.checkGroupCount(Tags.NO_RELATED_SYM, Tags.SYMBOL)).isTrue();
        assertThat(message.checkNoDuplicates(new int[] {Tags.MD_ENTRY_TYPE, Tags.SYMBOL})).isTrue();
    }

    @Test
    void shouldDetectATagThatAppearsTwiceOutsideAGroup()
    {
        assertThat(wrap(MARKET_DATA_REQUEST)).isTrue();
        assertThat(message.checkNoDuplicates(new int[] {Tags.SYMBOL})).isFalse();
        assertThat(message.rejectReason()).isEqualTo(SessionRejectReason.TAG_APPEARS_MORE_THAN_ONCE);
        assertThat(message.rejectReason().code()).isEqualTo(13);
        assertThat(message.refTagId()).isEqualTo(Tags.MD_ENTRY_TYPE);

        assertThat(wrap(message("35=D|49=C|56=T|34=1|52=20260510-12:34:56|44=1|11=A|44=2|"))).isTrue();
        assertThat(message.checkNoDuplicates(new int[0])).isFalse();
        assertThat(message.refTagId()).isEqualTo(Tags.PRICE);
        assertThat(message.intValue(Tags.PRICE)).as("by tag: the first occurrence").isEqualTo(1);

        // Above the direct-mapped tags too.
        assertThat(wrap(message("35=D|49=C|56=T|5001=x|34=1|5001=y|"))).isTrue();
        assertThat(message.checkNoDuplicates(new int[0])).isFalse();
        assertThat(message.refTagId()).isEqualTo(5001);
        assertThat(message.checkNoDuplicates(new int[] {5001})).isTrue();
    }

    @Test
    void shouldDetectATagThatMustAppearOnceWhateverElseRepeats()
    {
        // Parties (453) repeats 448 and 447: a handler that reads neither lets them be.
        assertThat(wrap(message("35=D|49=C|56=T|34=1|52=20260510-12:34:56|11=A|453=2|448=P1|447=D|448=P2|447=D|38=5|"))).isTrue();
        assertThat(message.checkSingle(new int[] {Tags.CL_ORD_ID, Tags.ORDER_QTY, Tags.PRICE})).isTrue();

        assertThat(wrap(message("35=D|49=C|56=T|34=1|52=20260510-12:34:56|11=A|38=5|44=1|38=500|"))).isTrue();
        assertThat(message.checkSingle(new int[] {Tags.CL_ORD_ID, Tags.ORDER_QTY, Tags.PRICE})).isFalse();
        assertThat(message.rejectReason()).isEqualTo(SessionRejectReason.TAG_APPEARS_MORE_THAN_ONCE);
        assertThat(message.refTagId()).isEqualTo(Tags.ORDER_QTY);
    }

    @Test
    void shouldDetectAWrongNumInGroupCount()
    {
        assertThat(wrap(message("35=V|49=C|56=T|34=1|52=20260510-12:34:56|262=1|263=1|264=1|267=2|269=0|146=1|55=X|")))
            .isTrue();
        assertThat(message.checkGroupCount(Tags.NO_MD_ENTRY_TYPES, Tags.MD_ENTRY_TYPE)).isFalse();
        assertThat(message.rejectReason()).isEqualTo(SessionRejectReason.INCORRECT_NUM_IN_GROUP_COUNT_FOR_REPEATING_GROUP);
        assertThat(message.refTagId()).isEqualTo(Tags.NO_MD_ENTRY_TYPES);
    }

    @Test
    void shouldNameTheFirstMissingRequiredTag()
    {
        assertThat(wrap(NEW_ORDER_SINGLE)).isTrue();
        assertThat(message.checkRequired(new int[] {Tags.CL_ORD_ID, Tags.SIDE, Tags.TRANSACT_TIME, Tags.ORD_TYPE})).isTrue();
        assertThat(message.checkRequired(new int[] {Tags.CL_ORD_ID, Tags.STOP_PX, Tags.EXPIRE_TIME})).isFalse();
        assertThat(message.rejectReason()).isEqualTo(SessionRejectReason.REQUIRED_TAG_MISSING);
        assertThat(message.rejectReason().code()).isEqualTo(1);
        assertThat(message.refTagId()).isEqualTo(Tags.STOP_PX);
    }

    @Test
    void shouldCheckTheCompIdsOfTheSession()
    {
        assertThat(wrap(NEW_ORDER_SINGLE)).isTrue();
        assertThat(message.checkCompIds("CLIENT", "TESSERA")).isTrue();
        assertThat(message.checkCompIds("CLIENT", "TESSERAX")).isFalse();
        assertThat(message.rejectReason()).isEqualTo(SessionRejectReason.COMP_ID_PROBLEM);
        assertThat(message.refTagId()).isEqualTo(Tags.TARGET_COMP_ID);
        assertThat(message.checkCompIds("OTHER", "TESSERA")).isFalse();
        assertThat(message.refTagId()).isEqualTo(Tags.SENDER_COMP_ID);
    }

    @Test
    void shouldCheckTheAccuracyOfSendingTime()
    {
        final long sendingTime = ChronoUnit.NANOS.between(Instant.EPOCH, Instant.parse("2026-05-10T12:34:56.789Z"));
        final long twoMinutes = 120_000_000_000L;
        assertThat(wrap(NEW_ORDER_SINGLE)).isTrue();
        assertThat(message.checkSendingTime(sendingTime + twoMinutes, twoMinutes)).isTrue();
        assertThat(message.checkSendingTime(sendingTime - twoMinutes, twoMinutes)).isTrue();
        assertThat(message.checkSendingTime(sendingTime + twoMinutes + 1, twoMinutes)).isFalse();
        assertThat(message.rejectReason()).isEqualTo(SessionRejectReason.SENDING_TIME_ACCURACY_PROBLEM);
        assertThat(message.refTagId()).isEqualTo(Tags.SENDING_TIME);
        assertThat(message.checkSendingTime(sendingTime - twoMinutes - 1, twoMinutes)).isFalse();
        assertThat(message.checkSendingTime(Long.MIN_VALUE, Long.MAX_VALUE)).as("overflowing difference").isFalse();
        assertThat(message.checkSendingTime(Long.MAX_VALUE, Long.MAX_VALUE)).isTrue();

        assertThat(wrap(message("35=0|49=C|56=T|34=1|"))).isTrue();
        assertThat(message.checkSendingTime(sendingTime, twoMinutes)).isFalse();
        assertThat(message.rejectReason()).isEqualTo(SessionRejectReason.REQUIRED_TAG_MISSING);
        assertThat(wrap(message("35=0|49=C|56=T|34=1|52=20260510-12:34|"))).isTrue();
        assertThat(message.checkSendingTime(sendingTime, twoMinutes)).isFalse();
        assertThat(message.rejectReason()).isEqualTo(SessionRejectReason.INCORRECT_DATA_FORMAT);
    }

    @ParameterizedTest(name = "{0}={1} as {2}: {3}")
    @CsvSource(delimiter = ';', value = {
        "34; 12;                      INT;           true",
        "34; -12;                     INT;           true",
        "34; 2147483647;              INT;           true",
        "34; 2147483648;              INT;           false",
        "34; 12a;                     INT;           false",
        "34; '-';                     INT;           false",
        "34; 1.0;                     INT;           false",
        "34; 9223372036854775807;     LONG;          true",
        "34; 9223372036854775808;     LONG;          false",
        "44; 190.25;                  DECIMAL;       true",
        "44; 1.2.3;                   DECIMAL;       false",
        "44; 1e3;                     DECIMAL;       false",
        "54; 1;                       CHAR;          true",
        "54; 12;                      CHAR;          false",
        "18; 6;                       MULTIPLE_CHAR_VALUE; true",
        "18; '6 G';                   MULTIPLE_CHAR_VALUE; true",
        "18; '6 G x';                 MULTIPLE_CHAR_VALUE; true",
        "18; 6G;                      MULTIPLE_CHAR_VALUE; false",
        "18; '6  G';                  MULTIPLE_CHAR_VALUE; false",
        "18; ' 6';                    MULTIPLE_CHAR_VALUE; false",
        "18; '6 ';                    MULTIPLE_CHAR_VALUE; false",
        "43; Y;                       BOOLEAN;       true",
        "43; N;                       BOOLEAN;       true",
        "43; y;                       BOOLEAN;       false",
        "43; YES;                     BOOLEAN;       false",
        "60; 20260510-12:34:56.789;   UTC_TIMESTAMP; true",
        "60; 20260510-12:34:56;       UTC_TIMESTAMP; true",
        "60; 20260510;                UTC_TIMESTAMP; false",
        "60; 20260532-12:34:56;       UTC_TIMESTAMP; false",
    })
    void shouldCheckValueFormats(final int tag, final String value, final FieldType type, final boolean valid)
    {
        assertThat(wrap(message("35=D|49=C|56=T|" + tag + "=" + value + "|"))).isTrue();
        assertThat(message.checkFormat(tag, type)).isEqualTo(valid);
        assertThat(message.rejectReason())
            .isEqualTo(valid ? SessionRejectReason.NONE : SessionRejectReason.INCORRECT_DATA_FORMAT);
        assertThat(message.refTagId()).isEqualTo(valid ? 0 : tag);
        assertThat(message.checkFormat(Tags.STOP_PX, type)).as("an absent field passes").isTrue();
    }

    @Test
    void shouldCheckTheFormatOfEveryOccurrence()
    {
        assertThat(wrap(message("35=W|49=C|56=T|268=2|269=0|270=1.5|269=1|270=1,5|"))).isTrue();
        assertThat(message.checkFormat(Tags.MD_ENTRY_PX, FieldType.DECIMAL)).isFalse();
        assertThat(message.refTagId()).isEqualTo(Tags.MD_ENTRY_PX);
    }

    @ParameterizedTest(name = "{0} -> {1} ({2})")
    @CsvSource(delimiter = ';', value = {
        "35=D|49=C|56=T|58=|34=1|;        TAG_SPECIFIED_WITHOUT_A_VALUE;       58",
        "35=D|49=C|56=T|5x=1|34=1|;       INVALID_TAG_NUMBER;                  0",
        "35=D|49=C|56=T|=1|34=1|;         INVALID_TAG_NUMBER;                  0",
        "35=D|49=C|56=T|058=a|34=1|;      INVALID_TAG_NUMBER;                  0",
        "35=D|49=C|56=T|0=a|34=1|;        INVALID_TAG_NUMBER;                  0",
        "35=D|49=C|56=T|-58=a|34=1|;      INVALID_TAG_NUMBER;                  0",
        "35=D|49=C|56=T|1234567890=a|;    INVALID_TAG_NUMBER;                  0",
        "35=D|49=C|56=T|58|34=1|;         INVALID_TAG_NUMBER;                  0",
        "49=C|35=D|56=T|;                 TAG_SPECIFIED_OUT_OF_REQUIRED_ORDER; 35",
        "49=C|56=T|;                      REQUIRED_TAG_MISSING;                35",
        "35=ABC|49=C|56=T|;               INVALID_MSG_TYPE;                    35",
    })
    void shouldReportBrokenFieldsAsSessionRejectReasons(final String body, final SessionRejectReason reason,
        final int refTagId)
    {
        assertThat(wrap(message(body))).isFalse();
        assertThat(message.rejectReason()).isEqualTo(reason);
        assertThat(message.refTagId()).isEqualTo(refTagId);
    }

    @Test
    void shouldMirrorTheFixSessionRejectReasonCodes()
    {
        assertThat(SessionRejectReason.INVALID_TAG_NUMBER.code()).isZero();
        assertThat(SessionRejectReason.TAG_SPECIFIED_WITHOUT_A_VALUE.code()).isEqualTo(4);
        assertThat(SessionRejectReason.VALUE_IS_INCORRECT.code()).isEqualTo(5);
        assertThat(SessionRejectReason.INCORRECT_DATA_FORMAT.code()).isEqualTo(6);
        assertThat(SessionRejectReason.COMP_ID_PROBLEM.code()).isEqualTo(9);
        assertThat(SessionRejectReason.SENDING_TIME_ACCURACY_PROBLEM.code()).isEqualTo(10);
        assertThat(SessionRejectReason.INVALID_MSG_TYPE.code()).isEqualTo(11);
        assertThat(SessionRejectReason.TAG_APPEARS_MORE_THAN_ONCE.code()).isEqualTo(13);
        assertThat(SessionRejectReason.OTHER.code()).isEqualTo(99);
    }

    @Test
    void shouldRefuseMessagesWithoutTheirStandardFrameFields()
    {
        final String body = "35=0|49=C|56=T|34=1|52=20260510-12:34:56|";
        assertThat(wrap("9=5|8=FIX.4.4|" + body + "10=000|")).isFalse();
        assertThat(message.rejectReason()).isEqualTo(SessionRejectReason.TAG_SPECIFIED_OUT_OF_REQUIRED_ORDER);
        assertThat(message.refTagId()).isEqualTo(Tags.BEGIN_STRING);
        assertThat(wrap("8=FIX.4.4|9=5|" + body)).isFalse();
        assertThat(message.rejectReason()).isEqualTo(SessionRejectReason.REQUIRED_TAG_MISSING);
        assertThat(message.refTagId()).isEqualTo(Tags.CHECK_SUM);
        assertThat(wrap("8=FIX.4.4|9=5|" + body + "10=000|58=x|")).isFalse();
        assertThat(message.rejectReason()).isEqualTo(SessionRejectReason.TAG_SPECIFIED_OUT_OF_REQUIRED_ORDER);
        assertThat(message.refTagId()).isEqualTo(Tags.CHECK_SUM);
        assertThat(wrap("8=FIX.4.4|9=5|" + body + "10=000")).as("no final SOH").isFalse();
        assertThat(message.rejectReason()).isEqualTo(SessionRejectReason.INCORRECT_DATA_FORMAT);
    }

    @Test
    void shouldKeepTheFieldsBeforeAProblemReadable()
    {
        assertThat(wrap(message("35=D|49=C|56=T|34=77|52=20260510-12:34:56|58=|11=X|"))).isFalse();
        assertThat(message.rejectReason()).isEqualTo(SessionRejectReason.TAG_SPECIFIED_WITHOUT_A_VALUE);
        assertThat(message.intValue(Tags.MSG_SEQ_NUM)).isEqualTo(77);
        assertThat(message.hasField(Tags.CL_ORD_ID)).isFalse();
    }

    @Test
    void shouldReadADataFieldByItsLengthEvenWithSohInside()
    {
        final String raw = "a|b=c|";
        assertThat(wrap(message("35=A|49=C|56=T|34=1|52=20260510-12:34:56|98=0|108=30|95=" + raw.length() + "|96=" + raw +
            "|553=user|"))).isTrue();
        final int index = message.indexOf(Tags.RAW_DATA);
        assertThat(FixText.pipes(message.buffer(), message.valueOffsetAt(index), message.valueLengthAt(index))).isEqualTo(raw);
        assertThat(message.stringValue(Tags.USERNAME, view).toString()).isEqualTo("user");
        assertThat(message.intValue(Tags.HEART_BT_INT)).isEqualTo(30);

        assertThat(wrap(message("35=A|49=C|56=T|95=99|96=abc|"))).as("length beyond the message").isFalse();
        assertThat(message.rejectReason()).isEqualTo(SessionRejectReason.INCORRECT_DATA_FORMAT);
        assertThat(message.refTagId()).isEqualTo(Tags.RAW_DATA);
        assertThat(wrap(message("35=A|49=C|56=T|95=x|96=abc|"))).isFalse();
        assertThat(message.refTagId()).isEqualTo(Tags.RAW_DATA_LENGTH);
        assertThat(wrap(message("35=A|49=C|56=T|96=abc|"))).as("no length: read up to SOH").isTrue();
    }

    @Test
    void shouldRefuseMoreFieldsThanItHasRoomFor()
    {
        final FixMessage small = new FixMessage(8);
        assertThat(small.wrap(buffer(message("35=0|49=C|56=T|34=1|52=20260510-12:34:56|")), 0,
            message("35=0|49=C|56=T|34=1|52=20260510-12:34:56|").length())).isTrue();
        final String nine = message("35=0|49=C|56=T|34=1|52=20260510-12:34:56|58=x|");
        assertThat(small.wrap(buffer(nine), 0, nine.length())).isFalse();
        assertThat(small.rejectReason()).isEqualTo(SessionRejectReason.OTHER);
        assertThat(small.refTagId()).isEqualTo(Tags.CHECK_SUM);
        assertThat(small.maxFields()).isEqualTo(8);
    }

    @Test
    void shouldReadTwoCharacterMsgTypes()
    {
        assertThat(wrap(message("35=AE|49=C|56=T|"))).isTrue();
        assertThat(message.msgType()).isEqualTo(MsgTypes.code("AE")).isEqualTo(('A' << 8) | 'E');
    }

    @Test
    void shouldReadAMessageAtAnOffsetAndForgetThePreviousOne()
    {
        assertThat(wrap(MARKET_DATA_REQUEST)).isTrue();
        final String heartbeat = message("35=0|49=C|56=T|34=9|52=20260510-12:34:56|");
        final UnsafeBuffer bytes = buffer("garbage" + heartbeat);
        assertThat(message.wrap(bytes, 7, heartbeat.length())).isTrue();
        assertThat(message.offset()).isEqualTo(7);
        assertThat(message.length()).isEqualTo(heartbeat.length());
        assertThat(message.msgType()).isEqualTo(MsgTypes.HEARTBEAT);
        assertThat(message.hasField(Tags.MD_REQ_ID)).isFalse();
        assertThat(message.intValue(Tags.MSG_SEQ_NUM)).isEqualTo(9);
        assertThat(message.tagAt(0)).isEqualTo(Tags.BEGIN_STRING);
        assertThat(message.tagAt(message.fieldCount() - 1)).isEqualTo(Tags.CHECK_SUM);
    }

    private boolean wrap(final String pipes)
    {
        return message.wrap(buffer(pipes), 0, pipes.length());
    }
}
