package dev.tessera.fix;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Our constants against QuickFIX/J's FIX 4.4 dictionary and messages: numbers and names agree. */
class TagsTest
{
    @Test
    void shouldNameEveryTagAsTheFix44DictionaryDoes() throws Exception
    {
        final List<Field> constants = intConstants(Tags.class);
        assertThat(constants).hasSizeGreaterThan(100);
        for (final Field constant : constants)
        {
            final int tag = constant.getInt(null);
            final String fixName = QuickFixJ.FIX44.getFieldName(tag);
            assertThat(fixName).as("%s = %d is a FIX 4.4 field", constant.getName(), tag).isNotNull();
            assertThat(fixName.toLowerCase()).as("%s = %d", constant.getName(), tag)
                .isEqualTo(constant.getName().replace("_", "").toLowerCase());
        }
    }

    @Test
    void shouldGiveEveryMsgTypeTheCodeOfItsFix44Message() throws Exception
    {
        final List<Field> constants = intConstants(MsgTypes.class);
        assertThat(constants).hasSize(21);
        for (final Field constant : constants)
        {
            if (constant.getName().equals("UNKNOWN"))
            {
                continue;
            }
            final StringBuilder className = new StringBuilder("quickfix.fix44.");
            for (final String word : constant.getName().split("_"))
            {
                className.append(word.charAt(0)).append(word.substring(1).toLowerCase());
            }
            final String msgType = (String)Class.forName(className.toString()).getField("MSGTYPE").get(null);
            assertThat(constant.getInt(null)).as(constant.getName()).isEqualTo(MsgTypes.code(msgType));
            assertThat(MsgTypes.length(constant.getInt(null))).isEqualTo(msgType.length());
        }
    }

    @Test
    void shouldReadEveryFix44DataFieldByTheLengthFieldBeforeIt()
    {
        int dataFields = 0;
        for (int tag = 1; tag < 1024; tag++)
        {
            final quickfix.FieldType type = QuickFixJ.FIX44.getFieldType(tag);
            if (type == quickfix.FieldType.DATA)
            {
                dataFields++;
                final String name = QuickFixJ.FIX44.getFieldName(tag);
                final int lengthTag = Math.max(QuickFixJ.FIX44.getFieldTag(name + "Len"),
                    QuickFixJ.FIX44.getFieldTag(name + "Length"));
                assertThat(FixMessage.lengthTagOf(tag)).as(name).isEqualTo(lengthTag).isPositive();
                assertThat(QuickFixJ.FIX44.getFieldType(lengthTag)).isEqualTo(quickfix.FieldType.LENGTH);
            }
            else
            {
                assertThat(FixMessage.lengthTagOf(tag)).as("tag %d is no data field", tag).isZero();
            }
        }
        assertThat(dataFields).isEqualTo(16);
    }

    private static List<Field> intConstants(final Class<?> type)
    {
        final List<Field> constants = new ArrayList<>();
        for (final Field field : type.getDeclaredFields())
        {
            final int modifiers = field.getModifiers();
            if (Modifier.isPublic(modifiers) && Modifier.isStatic(modifiers) && field.getType() == int.class)
            {
                constants.add(field);
            }
        }
        return constants;
    }
}
