package dev.tessera.fix;

import org.agrona.DirectBuffer;
import quickfix.ConfigError;
import quickfix.DataDictionary;
import quickfix.Field;
import quickfix.FieldMap;
import quickfix.Group;
import quickfix.Message;
import quickfix.MessageUtils;
import quickfix.ValidationSettings;
import quickfix.field.BodyLength;
import quickfix.field.CheckSum;
import quickfix.mina.message.FIXMessageDecoder;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** QuickFIX/J, the reference FIX engine, as the tests use it: its FIX 4.4 dictionary and validation. */
final class QuickFixJ
{
    /** The FIX 4.4 dictionary shipped with QuickFIX/J, loaded once. */
    static final DataDictionary FIX44 = load();

    private QuickFixJ()
    {
    }

    private static DataDictionary load()
    {
        try
        {
            return new DataDictionary("FIX44.xml");
        }
        catch (final ConfigError e)
        {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Parses a message the way a QuickFIX/J session does, validation on, and fails the test unless it
     * is accepted: the header order, CheckSum, the dictionary's rules (required fields, formats, enum
     * values, fields defined for the message, groups), and BodyLength as QuickFIX/J computes it.
     */
    static Message validate(final String wire) throws Exception
    {
        final ValidationSettings settings = new ValidationSettings();
        final Message parsed = new Message(wire, FIX44, settings, true);
        assertThat(parsed.getException()).as("parse problem in %s", FixText.pipes(wire)).isNull();
        FIX44.validate(parsed, settings);
        assertThat(parsed.getHeader().getInt(BodyLength.FIELD)).as("BodyLength").isEqualTo(parsed.bodyLength());
        assertThat(parsed.getTrailer().getInt(CheckSum.FIELD)).as("CheckSum").isEqualTo(MessageUtils.checksum(wire));
        return parsed;
    }

    /** What QuickFIX/J's network decoder (it frames by BodyLength) extracts from a stream of bytes. */
    static List<String> extractMessages(final String stream) throws Exception
    {
        final Path file = Files.createTempFile("fix-stream", ".log");
        try
        {
            Files.write(file, stream.getBytes(StandardCharsets.ISO_8859_1));
            return new FIXMessageDecoder().extractMessages(file.toFile());
        }
        finally
        {
            Files.deleteIfExists(file);
        }
    }

    /** Every field of a QuickFIX/J message as "tag=value", groups flattened, in no particular order across maps. */
    static List<String> fields(final Message message)
    {
        final List<String> fields = new ArrayList<>();
        addFields(message.getHeader(), fields);
        addFields(message, fields);
        addFields(message.getTrailer(), fields);
        return fields;
    }

    private static void addFields(final FieldMap map, final List<String> fields)
    {
        for (final Iterator<Field<?>> i = map.iterator(); i.hasNext(); )
        {
            final Field<?> field = i.next();
            fields.add(field.getTag() + "=" + field.getObject());
        }
        for (final int key : map.groupKeys())
        {
            for (final Group group : map.getGroups(key))
            {
                addFields(group, fields);
            }
        }
    }

    /** Every field of our decoded message as "tag=value". */
    static List<String> fields(final FixMessage message)
    {
        final List<String> fields = new ArrayList<>();
        final DirectBuffer buffer = message.buffer();
        for (int i = 0; i < message.fieldCount(); i++)
        {
            fields.add(message.tagAt(i) + "=" + FixText.ascii(buffer, message.valueOffsetAt(i), message.valueLengthAt(i)));
        }
        return fields;
    }

    static String wire(final DirectBuffer buffer, final int offset, final int length)
    {
        return FixText.ascii(buffer, offset, length);
    }
}
