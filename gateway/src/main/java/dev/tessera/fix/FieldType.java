package dev.tessera.fix;

/** The value formats {@link FixMessage#checkFormat} can verify, after the FIX 4.4 data types. */
public enum FieldType
{
    /** int, Length, SeqNum, NumInGroup, TagNum: optional '-', then digits, fitting 32 bits. */
    INT,
    /** An integer id or count that needs 64 bits: optional '-', then digits. */
    LONG,
    /** float, Qty, Price, PriceOffset, Amt, Percentage: optional '-', digits, at most one '.'. */
    DECIMAL,
    /** char: exactly one character. */
    CHAR,
    /** Boolean: {@code Y} or {@code N}. */
    BOOLEAN,
    /**
     * MultipleValueString of one-character values (ExecInst 18; FIX 5.0 names the type MultipleCharValue): characters
     * other than a space, one space between two of them, none leading or trailing.
     */
    MULTIPLE_CHAR_VALUE,
    /** UTCTimestamp: {@code YYYYMMDD-HH:MM:SS} with optional {@code .sss}, {@code .ssssss} or {@code .sssssssss}. */
    UTC_TIMESTAMP
}
