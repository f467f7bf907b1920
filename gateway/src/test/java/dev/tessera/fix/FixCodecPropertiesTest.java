package dev.tessera.fix;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.agrona.AsciiSequenceView;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Encoder to framing to decoder, for random messages, and framing of a chopped-up stream. */
class FixCodecPropertiesTest
{
    private static final long FIRST_PARSEABLE_NANOS = -9_214_560_000_000_000_000L; // 1678-01-01
    private static final long LAST_PARSEABLE_NANOS = 9_214_646_399_999_999_999L; // 2261-12-31T23:59:59.999999999
    private static final Set<Integer> HEADER_AND_TRAILER = Set.of(Tags.BEGIN_STRING, Tags.BODY_LENGTH, Tags.MSG_TYPE,
        Tags.SENDER_COMP_ID, Tags.TARGET_COMP_ID, Tags.MSG_SEQ_NUM, Tags.SENDING_TIME, Tags.CHECK_SUM);

    enum Kind
    {
        INT, LONG, CHAR, BOOLEAN, STRING, DECIMAL, TIMESTAMP
    }

    /** One body field: its tag, kind and value (a string for STRING, the number otherwise). */
    record Field(int tag, Kind kind, long number, int scale, String text)
    {
    }

    record Message(int msgType, String senderCompId, String targetCompId, int msgSeqNum, long sendingTime, List<Field> fields)
    {
    }

    @Property(tries = 500)
    void shouldDecodeWhatItEncodes(@ForAll("messages") final Message expected)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[16 * 1024]);
        final int length = encode(new FixEncoder(), buffer, 7, expected);

        final String text = FixText.ascii(buffer, 7, length);
        assertThat(FixText.bodyLengthOf(text)).isEqualTo(Integer.parseInt(text.substring(12, text.indexOf('\u0001', 12))));
        assertThat(text).endsWith(String.format("10=%03d\u0001", FixText.checkSumOf(text)));
        assertThat(new FixFraming(16 * 1024).frame(buffer, 7, length + 3)).isEqualTo(length);

        final FixMessage message = new FixMessage();
        assertThat(message.wrap(buffer, 7, length)).as(message.rejectReason() + " " + message.refTagId()).isTrue();
        assertThat(message.checkNoDuplicates(new int[0])).isTrue();
        assertThat(message.msgType()).isEqualTo(expected.msgType());
        assertThat(message.valueEquals(Tags.SENDER_COMP_ID, expected.senderCompId())).isTrue();
        assertThat(message.valueEquals(Tags.TARGET_COMP_ID, expected.targetCompId())).isTrue();
        assertThat(message.intValue(Tags.MSG_SEQ_NUM)).isEqualTo(expected.msgSeqNum());
        assertThat(message.utcTimestampValue(Tags.SENDING_TIME)).isEqualTo(Math.floorDiv(expected.sendingTime(), 1_000_000L) * 1_000_000L);
        assertThat(message.fieldCount()).isEqualTo(expected.fields().size() + 8);

        final AsciiSequenceView view = new AsciiSequenceView();
        for (int i = 0; i < expected.fields().size(); i++)
        {
            final Field field = expected.fields().get(i);
            final int index = i + 7;
            assertThat(message.tagAt(index)).isEqualTo(field.tag());
            assertThat(message.indexOf(field.tag())).isEqualTo(index);
            switch (field.kind())
            {
                case INT -> assertThat(message.intValue(field.tag())).isEqualTo((int)field.number());
                case LONG -> assertThat(message.longValue(field.tag())).isEqualTo(field.number());
                case CHAR -> assertThat(message.charValue(field.tag())).isEqualTo((char)field.number());
                case BOOLEAN ->
                {
                    assertThat(message.booleanValue(field.tag())).isEqualTo(field.number() == 1);
                    assertThat(message.checkFormat(field.tag(), FieldType.BOOLEAN)).isTrue();
                }
                case STRING -> assertThat(message.stringValue(field.tag(), view).toString()).isEqualTo(field.text());
                case DECIMAL ->
                {
                    assertThat(message.decimalValue(field.tag(), field.scale())).isEqualTo(field.number());
                    assertThat(message.checkFormat(field.tag(), FieldType.DECIMAL)).isTrue();
                }
                case TIMESTAMP -> assertThat(message.utcTimestampValue(field.tag()))
                    .isEqualTo(Math.floorDiv(field.number(), 1_000_000L) * 1_000_000L);
                default -> throw new IllegalStateException();
            }
        }
    }

    /**
     * Messages, some after garbage, arrive in chunks of any size; a receive loop as a session would run
     * it (frame, on MALFORMED skip to the next BeginString, on INCOMPLETE wait) gets every message back.
     */
    @Property(tries = 300)
    void shouldFrameAStreamCutAnywhere(@ForAll @Size(min = 1, max = 6) final List<@From("messages") Message> messages,
        @ForAll @Size(min = 6, max = 6) final List<@From("garbage") String> garbage,
        @ForAll @Size(min = 1, max = 40) final List<@IntRange(min = 1, max = 97) Integer> chunkSizes)
    {
        final ExpandableArrayBuffer stream = new ExpandableArrayBuffer();
        final FixEncoder encoder = new FixEncoder();
        final List<String> sent = new ArrayList<>();
        int streamLength = 0;
        for (int i = 0; i < messages.size(); i++)
        {
            final byte[] junk = FixText.bytes(garbage.get(i));
            stream.putBytes(streamLength, junk);
            streamLength += junk.length;
            final int length = encode(encoder, stream, streamLength, messages.get(i));
            sent.add(FixText.ascii(stream, streamLength, length));
            streamLength += length;
        }

        final FixFraming framing = new FixFraming(16 * 1024);
        final ExpandableArrayBuffer received = new ExpandableArrayBuffer();
        final List<String> framed = new ArrayList<>();
        int receivedLength = 0;
        int readOffset = 0;
        int chunk = 0;
        for (int sentOffset = 0; sentOffset < streamLength; chunk++)
        {
            final int size = Math.min(chunkSizes.get(chunk % chunkSizes.size()), streamLength - sentOffset);
            received.putBytes(receivedLength, stream, sentOffset, size);
            receivedLength += size;
            sentOffset += size;
            while (readOffset < receivedLength)
            {
                final int result = framing.frame(received, readOffset, receivedLength - readOffset);
                if (result == FixFraming.INCOMPLETE)
                {
                    break;
                }
                if (result == FixFraming.MALFORMED)
                {
                    readOffset += FixFraming.skipToNextBeginString(received, readOffset, receivedLength - readOffset);
                }
                else
                {
                    framed.add(FixText.ascii(received, readOffset, result));
                    readOffset += result;
                }
            }
        }
        assertThat(framed).isEqualTo(sent);
        assertThat(readOffset).isEqualTo(receivedLength);
    }

    @Provide
    Arbitrary<String> garbage()
    {
        // No '8', so garbage never looks like the start of a message; it may hold SOH, '=', digits.
        return Arbitraries.oneOf(Arbitraries.just(""),
            Arbitraries.strings().withChars("012345679=|abcFIX.").ofMinLength(1).ofMaxLength(30));
    }

    static int encode(final FixEncoder encoder, final MutableDirectBuffer buffer, final int offset,
        final Message message)
    {
        encoder.wrap(buffer, offset).begin(message.msgType(), message.senderCompId(), message.targetCompId(),
            message.msgSeqNum(), message.sendingTime());
        for (final Field field : message.fields())
        {
            switch (field.kind())
            {
                case INT -> encoder.putInt(field.tag(), (int)field.number());
                case LONG -> encoder.putLong(field.tag(), field.number());
                case CHAR -> encoder.putChar(field.tag(), (char)field.number());
                case BOOLEAN -> encoder.putBoolean(field.tag(), field.number() == 1);
                case STRING -> encoder.putString(field.tag(), field.text());
                case DECIMAL -> encoder.putDecimal(field.tag(), field.number(), field.scale());
                case TIMESTAMP -> encoder.putUtcTimestamp(field.tag(), field.number());
                default -> throw new IllegalStateException();
            }
        }
        return encoder.finish();
    }

    @Provide
    Arbitrary<Message> messages()
    {
        final Arbitrary<Integer> msgType = Arbitraries.oneOf(
            Arbitraries.of(MsgTypes.NEW_ORDER_SINGLE, MsgTypes.EXECUTION_REPORT, MsgTypes.HEARTBEAT, MsgTypes.LOGON),
            Arbitraries.strings().withCharRange('A', 'Z').ofLength(2).map(MsgTypes::code));
        final Arbitrary<String> compId = Arbitraries.strings().withCharRange('A', 'Z').ofMinLength(1).ofMaxLength(12);
        final Arbitrary<Long> sendingTime = Arbitraries.longs().between(FIRST_PARSEABLE_NANOS, LAST_PARSEABLE_NANOS);
        final Arbitrary<List<Field>> fields = field().list().ofMaxSize(40)
            .uniqueElements(Field::tag);
        return Combinators.combine(msgType, compId, compId, Arbitraries.integers().between(1, Integer.MAX_VALUE),
            sendingTime, fields).as(Message::new);
    }

    private static Arbitrary<Field> field()
    {
        final Arbitrary<Integer> tag = Arbitraries.integers().between(1, 20_000)
            .filter(t -> !HEADER_AND_TRAILER.contains(t) && FixMessage.lengthTagOf(t) == 0);
        final Arbitrary<Field> ints = tag.flatMap(t -> Arbitraries.integers().between(Integer.MIN_VALUE + 1, Integer.MAX_VALUE)
            .map(v -> new Field(t, Kind.INT, v, 0, null)));
        final Arbitrary<Field> longs = tag.flatMap(t -> Arbitraries.longs().between(Long.MIN_VALUE + 1, Long.MAX_VALUE)
            .map(v -> new Field(t, Kind.LONG, v, 0, null)));
        final Arbitrary<Field> chars = tag.flatMap(t -> Arbitraries.chars().range('!', '~')
            .map(v -> new Field(t, Kind.CHAR, v, 0, null)));
        final Arbitrary<Field> booleans = tag.flatMap(t -> Arbitraries.of(0L, 1L)
            .map(v -> new Field(t, Kind.BOOLEAN, v, 0, null)));
        final Arbitrary<Field> strings = tag.flatMap(t -> Arbitraries.strings().withCharRange(' ', '~').ofMinLength(1).ofMaxLength(40)
            .map(v -> new Field(t, Kind.STRING, 0, 0, v)));
        final Arbitrary<Field> decimals = tag.flatMap(t -> Combinators.combine(
            Arbitraries.longs().between(FixDecimal.MIN_VALUE, Long.MAX_VALUE), Arbitraries.integers().between(0, FixDecimal.MAX_SCALE))
            .as((v, s) -> new Field(t, Kind.DECIMAL, v, s, null)));
        final Arbitrary<Field> timestamps = tag.flatMap(t -> Arbitraries.longs().between(FIRST_PARSEABLE_NANOS, LAST_PARSEABLE_NANOS)
            .map(v -> new Field(t, Kind.TIMESTAMP, v, 0, null)));
        return Arbitraries.oneOf(ints, longs, chars, booleans, strings, decimals, timestamps);
    }
}
