package dev.tessera.fix;

import java.util.Locale;

/**
 * The FIX 4.4 SessionRejectReason (tag 373) values a session sends in a Reject (35=3), with their
 * wire codes, and {@link #NONE} for "no problem found", which is never sent.
 */
public enum SessionRejectReason
{
    /** No problem found: not a FIX value and never sent. */
    NONE(-1),
    INVALID_TAG_NUMBER(0),
    REQUIRED_TAG_MISSING(1),
    TAG_NOT_DEFINED_FOR_THIS_MESSAGE_TYPE(2),
    UNDEFINED_TAG(3),
    TAG_SPECIFIED_WITHOUT_A_VALUE(4),
    VALUE_IS_INCORRECT(5),
    INCORRECT_DATA_FORMAT(6),
    DECRYPTION_PROBLEM(7),
    SIGNATURE_PROBLEM(8),
    COMP_ID_PROBLEM(9),
    SENDING_TIME_ACCURACY_PROBLEM(10),
    INVALID_MSG_TYPE(11),
    XML_VALIDATION_ERROR(12),
    TAG_APPEARS_MORE_THAN_ONCE(13),
    TAG_SPECIFIED_OUT_OF_REQUIRED_ORDER(14),
    REPEATING_GROUP_FIELDS_OUT_OF_ORDER(15),
    INCORRECT_NUM_IN_GROUP_COUNT_FOR_REPEATING_GROUP(16),
    NON_DATA_VALUE_INCLUDES_FIELD_DELIMITER(17),
    OTHER(99);

    private final int code;

    SessionRejectReason(final int code)
    {
        this.code = code;
    }

    /** The FIX 4.4 name in words ("tag specified out of required order"), for a Reject's Text. */
    public String text()
    {
        return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** The value of tag 373; -1 for {@link #NONE}. */
    public int code()
    {
        return code;
    }
}
