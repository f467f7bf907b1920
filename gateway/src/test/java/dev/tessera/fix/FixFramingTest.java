package dev.tessera.fix;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.tessera.fix.FixText.buffer;
import static org.assertj.core.api.Assertions.assertThat;

class FixFramingTest
{
    /**
     * Worked by hand. BodyLength: the body is "35=0|", 5 bytes. CheckSum: "8=FIX.4.4|" is
     * 56+61+70+73+88+46+52+46+52+1 = 545, "9=5|" is 57+61+53+1 = 172, "35=0|" is 51+53+61+48+1 = 214;
     * 545 + 172 + 214 = 931, and 931 mod 256 = 163.
     */
    private static final String MINIMAL = "8=FIX.4.4|9=5|35=0|10=163|";
    /** Computed the same way (and by QuickFIX/J in FixQuickFixJTest): body 56 bytes, CheckSum 186. */
    private static final String HEARTBEAT = "8=FIX.4.4|9=56|35=0|49=CLIENT|56=TESSERA|34=1|52=20260510-12:34:56.789|10=186|";

    private final FixFraming framing = new FixFraming(4096);

    @Test
    void shouldFrameHandComputedMessages()
    {
        assertThat(framing.frame(buffer(MINIMAL), 0, MINIMAL.length())).isEqualTo(MINIMAL.length());
        assertThat(framing.error()).isEqualTo(FramingError.NONE);
        assertThat(framing.frame(buffer(HEARTBEAT), 0, HEARTBEAT.length())).isEqualTo(HEARTBEAT.length());
    }

    @Test
    void shouldAgreeWithThePlainComputationOfBodyLengthAndCheckSum()
    {
        assertThat(FixText.bodyLengthOf(FixText.soh(MINIMAL))).isEqualTo(5);
        assertThat(FixText.checkSumOf(FixText.soh(MINIMAL))).isEqualTo(163);
        assertThat(FixText.bodyLengthOf(FixText.soh(HEARTBEAT))).isEqualTo(56);
        assertThat(FixText.checkSumOf(FixText.soh(HEARTBEAT))).isEqualTo(186);
        // The FIX 4.2 Logon of the public FIX examples: 9=65 and 10=062.
        final String logon42 = "8=FIX.4.2|9=65|35=A|49=SERVER|56=CLIENT|34=177|52=20090107-18:15:16|98=0|108=30|10=062|";
        assertThat(FixChecksum.compute(buffer(logon42), 0, logon42.lastIndexOf("10="))).isEqualTo(62);
        assertThat(FixText.bodyLengthOf(FixText.soh(logon42))).isEqualTo(65);
    }

    @Test
    void shouldAnswerIncompleteAtEverySplitPointAndFrameOnceComplete()
    {
        final UnsafeBuffer bytes = buffer(HEARTBEAT);
        for (int available = 0; available < HEARTBEAT.length(); available++)
        {
            assertThat(framing.frame(bytes, 0, available)).as("first %d bytes", available).isEqualTo(FixFraming.INCOMPLETE);
            assertThat(framing.error()).isEqualTo(FramingError.NONE);
        }
        assertThat(framing.frame(bytes, 0, HEARTBEAT.length())).isEqualTo(HEARTBEAT.length());
    }

    @Test
    void shouldFrameConcatenatedMessagesOneAtATime()
    {
        final String stream = HEARTBEAT + MINIMAL + HEARTBEAT;
        final UnsafeBuffer bytes = buffer(stream);
        int offset = 0;
        final int[] expected = {HEARTBEAT.length(), MINIMAL.length(), HEARTBEAT.length()};
        for (final int length : expected)
        {
            final int framed = framing.frame(bytes, offset, stream.length() - offset);
            assertThat(framed).isEqualTo(length);
            offset += framed;
        }
        assertThat(offset).isEqualTo(stream.length());
        assertThat(framing.frame(bytes, offset, 0)).isEqualTo(FixFraming.INCOMPLETE);
    }

    @Test
    void shouldFrameAMessageAtAnOffsetWithMoreBytesAfterIt()
    {
        final String stream = "xx" + HEARTBEAT + "8=FIX.4";
        assertThat(framing.frame(buffer(stream), 2, stream.length() - 2)).isEqualTo(HEARTBEAT.length());
    }

    @Test
    void shouldSkipAGarbagePrefixToTheNextBeginString()
    {
        final String stream = "garbage 8=FIX.4.2|9=3|8=FIX.4.4" + HEARTBEAT.substring("8=FIX.4.4".length());
        final UnsafeBuffer bytes = buffer(stream);
        assertThat(framing.frame(bytes, 0, stream.length())).isEqualTo(FixFraming.MALFORMED);
        assertThat(framing.error()).isEqualTo(FramingError.INVALID_BEGIN_STRING);

        int offset = 0;
        int framed;
        while ((framed = framing.frame(bytes, offset, stream.length() - offset)) == FixFraming.MALFORMED)
        {
            offset += FixFraming.skipToNextBeginString(bytes, offset, stream.length() - offset);
        }
        assertThat(offset).isEqualTo(stream.indexOf("8=FIX.4.4"));
        assertThat(framed).isEqualTo(HEARTBEAT.length());
    }

    /**
     * Another version's message is told apart from a garbled one only once it is whole: its BodyLength and
     * CheckSum must be right, as a session answers the one with a Logout and ignores the other.
     */
    @Test
    void shouldFrameAMessageOfAnotherFixVersionWholeBeforeSayingSo()
    {
        final String logon42 = "8=FIX.4.2|9=65|35=A|49=SERVER|56=CLIENT|34=177|52=20090107-18:15:16|98=0|108=30|10=062|";
        final UnsafeBuffer bytes = buffer(logon42 + HEARTBEAT);
        for (int available = 0; available < logon42.length(); available++)
        {
            assertThat(framing.frame(bytes, 0, available)).as("first %d bytes", available).isEqualTo(FixFraming.INCOMPLETE);
        }
        assertThat(framing.frame(bytes, 0, logon42.length())).isEqualTo(FixFraming.MALFORMED);
        assertThat(framing.error()).isEqualTo(FramingError.OTHER_FIX_VERSION);
        assertThat(FixFraming.beginStringOf(bytes, 0)).isEqualTo("FIX.4.2");
        assertThat(framing.frame(bytes, logon42.length(), HEARTBEAT.length())).isEqualTo(HEARTBEAT.length());
    }

    @Test
    void shouldResynchroniseOnAMessageOfAnotherFixVersionAfterGarbage()
    {
        final String stream = "junk|8=FIX.4.2|9=5|35=0|10=161|" + HEARTBEAT;
        final UnsafeBuffer bytes = buffer(stream);
        assertThat(framing.frame(bytes, 0, stream.length())).isEqualTo(FixFraming.MALFORMED);
        final int skip = FixFraming.skipToNextBeginString(bytes, 0, stream.length());
        assertThat(skip).isEqualTo("junk|".length());
        assertThat(framing.frame(bytes, skip, stream.length() - skip)).isEqualTo(FixFraming.MALFORMED);
        assertThat(framing.error()).isEqualTo(FramingError.OTHER_FIX_VERSION);
    }

    @Test
    void shouldKeepABeginStringCutShortAtTheEndWhenSkipping()
    {
        final String stream = "junk8=FIX.";
        final UnsafeBuffer bytes = buffer(stream);
        assertThat(FixFraming.skipToNextBeginString(bytes, 0, stream.length())).isEqualTo(4);
        assertThat(framing.frame(bytes, 4, stream.length() - 4)).isEqualTo(FixFraming.INCOMPLETE);
    }

    @Test
    void shouldSkipEverythingWhenNoBeginStringFollows()
    {
        final String stream = "8=FIX.4.4|9=xyz|35=0|";
        assertThat(FixFraming.skipToNextBeginString(buffer(stream), 0, stream.length())).isEqualTo(stream.length());
        assertThat(FixFraming.skipToNextBeginString(buffer(stream), 0, 0)).isZero();
    }

    @Test
    void shouldResynchroniseInsideAMessageWhoseBodyLengthLies()
    {
        // BodyLength 60 points past the real end; the next message starts inside that span.
        final String liar = HEARTBEAT.replace("9=56|", "9=60|");
        final String stream = liar + HEARTBEAT;
        final UnsafeBuffer bytes = buffer(stream);
        assertThat(framing.frame(bytes, 0, stream.length())).isEqualTo(FixFraming.MALFORMED);
        assertThat(framing.error()).isEqualTo(FramingError.BODY_LENGTH_TOO_LONG);
        final int skip = FixFraming.skipToNextBeginString(bytes, 0, stream.length());
        assertThat(skip).isEqualTo(liar.length());
        assertThat(framing.frame(bytes, skip, stream.length() - skip)).isEqualTo(HEARTBEAT.length());
    }

    /**
     * A BodyLength that counts far past the message: the bytes it announces may never come (the client waits for an
     * answer), so the message's own CheckSum field, before where BodyLength puts it, is enough to call it garbled.
     */
    @Test
    void shouldCallABodyLengthTooLongAsSoonAsTheMessageShowsItsCheckSumWithoutWaitingForTheBytes()
    {
        final String liar = HEARTBEAT.replace("9=56|", "9=3000|");
        for (int available = 0; available < liar.length(); available++)
        {
            assertThat(framing.frame(buffer(liar), 0, available)).as("first %d bytes", available)
                .isEqualTo(FixFraming.INCOMPLETE);
        }
        // Alone at the end of the stream: its own trailer already tells.
        assertThat(framing.frame(buffer(liar), 0, liar.length())).isEqualTo(FixFraming.MALFORMED);
        assertThat(framing.error()).isEqualTo(FramingError.BODY_LENGTH_TOO_LONG);

        // Followed by shorter messages than the bytes it claims: they frame at once after the skip.
        final String stream = liar + MINIMAL + HEARTBEAT;
        final UnsafeBuffer bytes = buffer(stream);
        assertThat(framing.frame(bytes, 0, stream.length())).isEqualTo(FixFraming.MALFORMED);
        assertThat(framing.error()).isEqualTo(FramingError.BODY_LENGTH_TOO_LONG);
        final int skip = FixFraming.skipToNextBeginString(bytes, 0, stream.length());
        assertThat(skip).isEqualTo(liar.length());
        assertThat(framing.frame(bytes, skip, stream.length() - skip)).isEqualTo(MINIMAL.length());
        final int next = skip + MINIMAL.length();
        assertThat(framing.frame(bytes, next, stream.length() - next)).isEqualTo(HEARTBEAT.length());
    }

    @Test
    void shouldCallABodyLengthTooLongWhenTheNextMessageStartsAFieldOfAMessageCutShort()
    {
        // No trailer at all: the client's writer stopped after a field, and the next message began.
        final String cut = "8=FIX.4.4|9=200|35=0|49=CLIENT|";
        final String stream = cut + HEARTBEAT;
        assertThat(framing.frame(buffer(stream), 0, cut.length())).isEqualTo(FixFraming.INCOMPLETE);
        assertThat(framing.frame(buffer(stream), 0, cut.length() + "8=FI".length())).isEqualTo(FixFraming.INCOMPLETE);
        assertThat(framing.frame(buffer(stream), 0, cut.length() + "8=FIX".length())).isEqualTo(FixFraming.MALFORMED);
        assertThat(framing.error()).isEqualTo(FramingError.BODY_LENGTH_TOO_LONG);
        assertThat(FixFraming.skipToNextBeginString(buffer(stream), 0, stream.length())).isEqualTo(cut.length());
    }

    /**
     * A data field's value is read by its Length field, as FixMessage reads it: what looks like a CheckSum field or a
     * next message inside it is neither, and the message is framed whole, by its BodyLength, once it has arrived.
     */
    @Test
    void shouldNotTakeACheckSumOrABeginStringInsideADataFieldForTheEndOfTheMessage()
    {
        final String data = "|10=123|8=FIX.4.4|9=5|35=0|10=163|";
        final String message = FixText.message("35=0|49=CLIENT|56=TESSERA|34=1|95=" + data.length() + "|96=" + data +
            "|58=x|");
        final UnsafeBuffer bytes = buffer(message);
        for (int available = 0; available < message.length(); available++)
        {
            assertThat(framing.frame(bytes, 0, available)).as("first %d bytes", available).isEqualTo(FixFraming.INCOMPLETE);
        }
        assertThat(framing.frame(bytes, 0, message.length())).isEqualTo(message.length());

        // The same bytes in a plain field are fields of the message: its CheckSum would not be its last field.
        final String plain = FixText.message("35=0|49=CLIENT|56=TESSERA|34=1|58=" + data + "|58=x|");
        assertThat(framing.frame(buffer(plain), 0, plain.indexOf("|10=123|") + "|10=123|".length()))
            .isEqualTo(FixFraming.MALFORMED);
        assertThat(framing.error()).isEqualTo(FramingError.BODY_LENGTH_TOO_LONG);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = ';', value = {
        "8=FIX.4.2|9=5|35=0|10=161|;                    OTHER_FIX_VERSION",
        "8=FIX.4.4.1|9=5|35=0|10=002|;                  OTHER_FIX_VERSION",
        "8=FIX.4.2|9=5|35=0|10=163|;                    CHECKSUM_MISMATCH",
        "8=FIXT.1.1|9=5|35=0|10=000|;                   CHECKSUM_MISMATCH",
        "8=FIX.4.2|35=0|9=5|10=161|;                    BODY_LENGTH_NOT_SECOND",
        "8=FIX.4.2.0123456789ab|9=5|35=0|10=161|;       INVALID_BEGIN_STRING",
        "8=FIZ.4.4|9=5|35=0|10=163|;                    INVALID_BEGIN_STRING",
        "x8=FIX.4.4|9=5|35=0|10=163|;                   INVALID_BEGIN_STRING",
        "8=FIX.4.4|35=0|9=5|10=163|;                    BODY_LENGTH_NOT_SECOND",
        "8=FIX.4.4||9=5|35=0|10=163|;                   BODY_LENGTH_NOT_SECOND",
        "8=FIX.4.4|9=|35=0|10=163|;                     INVALID_BODY_LENGTH",
        "8=FIX.4.4|9=-5|35=0|10=163|;                   INVALID_BODY_LENGTH",
        "8=FIX.4.4|9=5a|35=0|10=163|;                   INVALID_BODY_LENGTH",
        "8=FIX.4.4|9= 5|35=0|10=163|;                   INVALID_BODY_LENGTH",
        "8=FIX.4.4|9=+5|35=0|10=163|;                   INVALID_BODY_LENGTH",
        "8=FIX.4.4|9=0000000005|35=0|10=163|;           INVALID_BODY_LENGTH",
        "8=FIX.4.4|9=4097|35=0|10=163|;                 MESSAGE_TOO_LONG",
        "8=FIX.4.4|9=99999999999|35=0|10=163|;          MESSAGE_TOO_LONG",
        "8=FIX.4.4|9=4|35=0|10=163|;                    CHECKSUM_MISSING",
        "8=FIX.4.4|9=6|35=0|10=163|;                    BODY_LENGTH_TOO_LONG",
        "8=FIX.4.4|9=9|35=0|10=163|;                    BODY_LENGTH_TOO_LONG",
        "8=FIX.4.4|9=300|35=0|10=163|;                  BODY_LENGTH_TOO_LONG",
        "8=FIX.4.4|9=300|35=0|;                         BODY_LENGTH_TOO_LONG",
        "8=FIX.4.4|9=5|35=0|11=163|;                    CHECKSUM_MISSING",
        "8=FIX.4.4|9=5|35=0|;                           CHECKSUM_MISSING",
        "8=FIX.4.4|9=5|35=0|10=16|;                     INVALID_CHECKSUM",
        "8=FIX.4.4|9=5|35=0|10=1630|;                   INVALID_CHECKSUM",
        "8=FIX.4.4|9=5|35=0|10=16a|;                    INVALID_CHECKSUM",
        "8=FIX.4.4|9=5|35=0|10=|;                       INVALID_CHECKSUM",
        "8=FIX.4.4|9=5|35=0|10=164|;                    CHECKSUM_MISMATCH",
        "8=FIX.4.4|9=5|35=1|10=163|;                    CHECKSUM_MISMATCH",
    })
    void shouldReportEachFramingError(final String message, final FramingError expected)
    {
        // A little more after the message, as a stream would have, so "incomplete" is not the answer.
        final String stream = message + "8=FIX.4.4|9=5|35=0|10=163|";
        assertThat(framing.frame(buffer(stream), 0, stream.length())).isEqualTo(FixFraming.MALFORMED);
        assertThat(framing.error()).isEqualTo(expected);
    }

    @Test
    void shouldAcceptLeadingZerosInBodyLengthAsQuickFixJDoes()
    {
        final String padded = "8=FIX.4.4|9=005|35=0|10=";
        final int checkSum = FixChecksum.compute(buffer(padded), 0, padded.length() - 3);
        final String message = padded + String.format("%03d|", checkSum);
        assertThat(framing.frame(buffer(message), 0, message.length())).isEqualTo(message.length());
    }

    @Test
    void shouldReportProblemsBeforeTheWholeMessageHasArrived()
    {
        assertThat(framing.frame(buffer("8=FIZ"), 0, 5)).isEqualTo(FixFraming.MALFORMED);
        assertThat(framing.error()).isEqualTo(FramingError.INVALID_BEGIN_STRING);
        assertThat(framing.frame(buffer("8=FIX.4.2.0123456789ab"), 0, 22)).isEqualTo(FixFraming.MALFORMED);
        assertThat(framing.error()).isEqualTo(FramingError.INVALID_BEGIN_STRING);
        assertThat(framing.frame(buffer("8=FIX.4.4|9=5000"), 0, 16)).isEqualTo(FixFraming.MALFORMED);
        assertThat(framing.error()).isEqualTo(FramingError.MESSAGE_TOO_LONG);
        assertThat(framing.frame(buffer("8=FIX.4.4|9=4|35=0|"), 0, 19)).isEqualTo(FixFraming.MALFORMED);
        assertThat(framing.error()).isEqualTo(FramingError.CHECKSUM_MISSING);
        assertThat(framing.frame(buffer("8=FIX.4.4|9=5|35=0|10=1x"), 0, 24)).isEqualTo(FixFraming.MALFORMED);
        assertThat(framing.error()).isEqualTo(FramingError.INVALID_CHECKSUM);
    }

    @Test
    void shouldAcceptAMessageOfExactlyTheMaximumLengthAndRefuseOneByteMore()
    {
        assertThat(new FixFraming(HEARTBEAT.length()).frame(buffer(HEARTBEAT), 0, HEARTBEAT.length()))
            .isEqualTo(HEARTBEAT.length());
        final FixFraming tight = new FixFraming(HEARTBEAT.length() - 1);
        // Refused as soon as BodyLength is read: the body is not needed to know.
        assertThat(tight.frame(buffer(HEARTBEAT), 0, "8=FIX.4.4|9=56|".length())).isEqualTo(FixFraming.MALFORMED);
        assertThat(tight.error()).isEqualTo(FramingError.MESSAGE_TOO_LONG);
    }

    @Test
    void shouldTellTheLengthATooLongMessageAnnouncesOnceItsBodyLengthIsWhole()
    {
        final FixFraming tight = new FixFraming(100);
        final String start = "8=FIX.4.4|9=5000|35=D|34=7|";
        assertThat(tight.frame(buffer(start), 0, start.length())).isEqualTo(FixFraming.MALFORMED);
        assertThat(tight.error()).isEqualTo(FramingError.MESSAGE_TOO_LONG);
        assertThat(FixFraming.announcedLength(buffer(start), 0, start.length()))
            .isEqualTo("8=FIX.4.4|9=5000|".length() + 5000 + "10=000|".length());
        assertThat(FixFraming.announcedLength(buffer("8=FIX.4.4|9=5000"), 0, 16)).isEqualTo(FixFraming.INCOMPLETE);
        assertThat(FixFraming.announcedLength(buffer("8=FIX.4.4|9=5000x|"), 0, 18)).isEqualTo(FixFraming.MALFORMED);
        assertThat(FixFraming.announcedLength(buffer("8=FIX.4.4|9=9999999999|"), 0, 23))
            .isEqualTo(FixFraming.MALFORMED);
    }

    @Test
    void shouldFindAHeaderFieldAmongTheWholeFieldsOfAMessagesFirstBytes()
    {
        final String start = "8=FIX.4.4|9=5000|35=D|34=17|58=xx";
        final int seqNum = FixFraming.fieldValueOffset(buffer(start), 0, start.length(), Tags.MSG_SEQ_NUM);
        assertThat(start.substring(seqNum, seqNum + 2)).isEqualTo("17");
        assertThat(FixFraming.fieldValueOffset(buffer(start), 0, start.length(), Tags.TEXT)).isEqualTo(-1);
        assertThat(FixFraming.fieldValueOffset(buffer("8=FIX.4.4|9=5000|x=D|34=17|"), 0, 27, Tags.MSG_SEQ_NUM))
            .isEqualTo(-1);
    }
}
