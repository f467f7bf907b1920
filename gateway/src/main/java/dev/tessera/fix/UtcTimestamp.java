package dev.tessera.fix;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * FIX UTCTimestamp ({@code YYYYMMDD-HH:MM:SS.sss}) to and from epoch nanoseconds, without
 * allocation: the calendar arithmetic is Howard Hinnant's days-from-civil and civil-from-days
 * (proleptic Gregorian, as java.time), not java.time itself.
 * <p>
 * FIX 4.4 defines seconds or milliseconds; later versions add micro-, nano- and picoseconds (3, 6, 9 or 12
 * fraction digits), which are accepted when parsing (picoseconds truncated to nanoseconds, as QuickFIX/J
 * reads them) and, but for picoseconds, may be asked for when formatting. A fraction finer than the digits
 * written is truncated (towards the earlier instant, as java.time's formatter does).
 */
public final class UtcTimestamp
{
    /** What {@link #parse} answers for text that is not a UTCTimestamp in range. */
    public static final long INVALID = Long.MIN_VALUE;

    /** Fraction digits for whole seconds: {@code 20260510-12:34:56}. */
    public static final int SECONDS = 0;
    /** Fraction digits for milliseconds, the FIX 4.4 precision: {@code 20260510-12:34:56.789}. */
    public static final int MILLIS = 3;
    /** Fraction digits for microseconds. */
    public static final int MICROS = 6;
    /** Fraction digits for nanoseconds. */
    public static final int NANOS = 9;
    /** Fraction digits for picoseconds: parsed (the digits past nanoseconds are dropped), never written. */
    public static final int PICOS = 12;

    /** Length without fraction: {@code YYYYMMDD-HH:MM:SS}. */
    public static final int SECONDS_LENGTH = 17;
    /** Length with milliseconds. */
    public static final int MILLIS_LENGTH = SECONDS_LENGTH + 1 + MILLIS;
    /** Length of the date, {@code YYYYMMDD}, at the start: a UTCDateOnly. */
    public static final int DATE_LENGTH = 8;
    /** Where the time of day, {@code HH:MM:SS}, begins (after the date and '-'): from there on a UTCTimeOnly. */
    public static final int TIME_OFFSET = DATE_LENGTH + 1;

    /**
     * Years a parse accepts. Epoch nanoseconds in a long reach from 1677-09-21 to 2262-04-11; the
     * whole years inside that span keep the arithmetic free of overflow checks.
     */
    public static final int MIN_YEAR = 1678;
    public static final int MAX_YEAR = 2261;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final int SECONDS_PER_DAY = 86_400;
    private static final int SECONDS_PER_HOUR = 3_600;
    private static final int SECONDS_PER_MINUTE = 60;
    private static final int HOURS_PER_DAY = 24;
    private static final int LEAP_SECOND = 60;
    private static final long[] NANOS_PER_FRACTION_DIGIT = {1_000_000_000L, 100_000_000L, 10_000_000L, 1_000_000L,
        100_000L, 10_000L, 1_000L, 100L, 10L, 1L};

    // Civil calendar in 400-year eras starting on 0000-03-01 (Hinnant, "chrono-compatible low-level date algorithms").
    private static final int DAYS_PER_ERA = 146_097;
    private static final int YEARS_PER_ERA = 400;
    private static final int DAYS_FROM_ERA_START_TO_EPOCH = 719_468;

    private static final int YEAR_OFFSET = 0;
    private static final int MONTH_OFFSET = 4;
    private static final int DAY_OFFSET = 6;
    private static final int DATE_TIME_SEPARATOR_OFFSET = DATE_LENGTH;
    private static final int HOUR_OFFSET = TIME_OFFSET;
    private static final int FIRST_COLON_OFFSET = 11;
    private static final int MINUTE_OFFSET = 12;
    private static final int SECOND_COLON_OFFSET = 14;
    private static final int SECOND_OFFSET = 15;
    private static final int POINT_OFFSET = 17;
    private static final int FRACTION_OFFSET = 18;

    private UtcTimestamp()
    {
    }

    /** Length of the text {@link #put} writes for a number of fraction digits (0, 3, 6 or 9). */
    public static int length(final int fractionDigits)
    {
        return fractionDigits == SECONDS ? SECONDS_LENGTH : SECONDS_LENGTH + 1 + fractionDigits;
    }

    /**
     * Writes an instant as a UTCTimestamp.
     *
     * @param fractionDigits {@link #SECONDS}, {@link #MILLIS}, {@link #MICROS} or {@link #NANOS}
     * @return the number of bytes written, {@link #length}{@code (fractionDigits)}.
     */
    public static int put(final MutableDirectBuffer buffer, final int offset, final long epochNanos,
        final int fractionDigits)
    {
        return put(buffer, offset, epochNanos, fractionDigits, null);
    }

    /**
     * As {@link #put(MutableDirectBuffer, int, long, int)}; when {@code secondText} is given it must be
     * the {@link #SECONDS_LENGTH} bytes of this instant's second, which are copied instead of computed.
     */
    static int put(final MutableDirectBuffer buffer, final int offset, final long epochNanos,
        final int fractionDigits, final byte[] secondText)
    {
        if (fractionDigits != SECONDS && fractionDigits != MILLIS && fractionDigits != MICROS && fractionDigits != NANOS)
        {
            throw new IllegalArgumentException("fraction digits must be 0, 3, 6 or 9: " + fractionDigits);
        }
        final long nanoOfSecond = Math.floorMod(epochNanos, NANOS_PER_SECOND);
        if (secondText != null)
        {
            buffer.putBytes(offset, secondText);
        }
        else
        {
            putSecond(buffer, offset, Math.floorDiv(epochNanos, NANOS_PER_SECOND));
        }
        if (fractionDigits == SECONDS)
        {
            return SECONDS_LENGTH;
        }
        buffer.putByte(offset + POINT_OFFSET, (byte)'.');
        buffer.putNaturalPaddedIntAscii(offset + FRACTION_OFFSET, fractionDigits,
            (int)(nanoOfSecond / NANOS_PER_FRACTION_DIGIT[fractionDigits]));
        return FRACTION_OFFSET + fractionDigits;
    }

    private static void putSecond(final MutableDirectBuffer buffer, final int offset, final long epochSeconds)
    {
        final long epochDays = Math.floorDiv(epochSeconds, SECONDS_PER_DAY);
        final int secondOfDay = Math.floorMod(epochSeconds, SECONDS_PER_DAY);

        // civil_from_days
        final long z = epochDays + DAYS_FROM_ERA_START_TO_EPOCH;
        final long era = Math.floorDiv(z, DAYS_PER_ERA);
        final int dayOfEra = (int)(z - era * DAYS_PER_ERA);
        final int yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / (DAYS_PER_ERA - 1)) / 365;
        final int dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        final int shiftedMonth = (5 * dayOfYear + 2) / 153; // 0 = March
        final int day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1;
        final int month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
        final int year = (int)(yearOfEra + era * YEARS_PER_ERA + (month <= 2 ? 1 : 0));

        buffer.putNaturalPaddedIntAscii(offset + YEAR_OFFSET, 4, year);
        buffer.putNaturalPaddedIntAscii(offset + MONTH_OFFSET, 2, month);
        buffer.putNaturalPaddedIntAscii(offset + DAY_OFFSET, 2, day);
        buffer.putByte(offset + DATE_TIME_SEPARATOR_OFFSET, (byte)'-');
        buffer.putNaturalPaddedIntAscii(offset + HOUR_OFFSET, 2, secondOfDay / SECONDS_PER_HOUR);
        buffer.putByte(offset + FIRST_COLON_OFFSET, (byte)':');
        buffer.putNaturalPaddedIntAscii(offset + MINUTE_OFFSET, 2, secondOfDay / SECONDS_PER_MINUTE % SECONDS_PER_MINUTE);
        buffer.putByte(offset + SECOND_COLON_OFFSET, (byte)':');
        buffer.putNaturalPaddedIntAscii(offset + SECOND_OFFSET, 2, secondOfDay % SECONDS_PER_MINUTE);
    }

    /**
     * Parses a UTCTimestamp with 0, 3, 6, 9 or 12 fraction digits (what QuickFIX/J accepts too). Seconds may be
     * 60 (FIX allows a leap second); it reads as the first second of the next minute, as epoch time has no leap
     * seconds. Picoseconds are truncated to nanoseconds.
     *
     * @return epoch nanoseconds, or {@link #INVALID} when the text is not a UTCTimestamp, names a day
     * that does not exist, or a year outside {@link #MIN_YEAR} to {@link #MAX_YEAR}.
     */
    public static long parse(final DirectBuffer buffer, final int offset, final int length)
    {
        final int fractionDigits = length - FRACTION_OFFSET;
        if (length != SECONDS_LENGTH && fractionDigits != MILLIS && fractionDigits != MICROS && fractionDigits != NANOS &&
            fractionDigits != PICOS)
        {
            return INVALID;
        }
        if (buffer.getByte(offset + DATE_TIME_SEPARATOR_OFFSET) != '-' ||
            buffer.getByte(offset + FIRST_COLON_OFFSET) != ':' ||
            buffer.getByte(offset + SECOND_COLON_OFFSET) != ':' ||
            (length > SECONDS_LENGTH && buffer.getByte(offset + POINT_OFFSET) != '.'))
        {
            return INVALID;
        }
        final int year = digits(buffer, offset + YEAR_OFFSET, 4);
        final int month = digits(buffer, offset + MONTH_OFFSET, 2);
        final int day = digits(buffer, offset + DAY_OFFSET, 2);
        final int hour = digits(buffer, offset + HOUR_OFFSET, 2);
        final int minute = digits(buffer, offset + MINUTE_OFFSET, 2);
        final int second = digits(buffer, offset + SECOND_OFFSET, 2);
        // Picoseconds: the nanoseconds are read as such (12 digits overflow an int), the rest need only be digits.
        final int readDigits = Math.min(fractionDigits, NANOS);
        final int fraction = length > SECONDS_LENGTH ? digits(buffer, offset + FRACTION_OFFSET, readDigits) : 0;
        if (fractionDigits == PICOS && digits(buffer, offset + FRACTION_OFFSET + NANOS, PICOS - NANOS) < 0)
        {
            return INVALID;
        }
        if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) ||
            hour < 0 || hour >= HOURS_PER_DAY || minute < 0 || minute >= SECONDS_PER_MINUTE ||
            second < 0 || second > LEAP_SECOND || fraction < 0)
        {
            return INVALID;
        }

        // days_from_civil
        final int yearFromMarch = month <= 2 ? year - 1 : year;
        final int era = Math.floorDiv(yearFromMarch, YEARS_PER_ERA);
        final int yearOfEra = yearFromMarch - era * YEARS_PER_ERA;
        final int dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        final int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        final long epochDays = (long)era * DAYS_PER_ERA + dayOfEra - DAYS_FROM_ERA_START_TO_EPOCH;

        final long epochSeconds = epochDays * SECONDS_PER_DAY + hour * SECONDS_PER_HOUR + minute * SECONDS_PER_MINUTE + second;
        return epochSeconds * NANOS_PER_SECOND +
            (length > SECONDS_LENGTH ? fraction * NANOS_PER_FRACTION_DIGIT[readDigits] : 0);
    }

    private static int daysInMonth(final int year, final int month)
    {
        switch (month)
        {
            case 2:
                return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28;
            case 4:
            case 6:
            case 9:
            case 11:
                return 30;
            default:
                return 31;
        }
    }

    /** The value of {@code count} ASCII digits, or -1 when one is not a digit. */
    private static int digits(final DirectBuffer buffer, final int offset, final int count)
    {
        int value = 0;
        for (int i = offset, end = offset + count; i < end; i++)
        {
            final int digit = buffer.getByte(i) - '0';
            if (digit < 0 || digit > 9)
            {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }
}
