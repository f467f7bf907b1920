package dev.tessera.lobster;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a LOBSTER file name says: {@code TICKER_DATE_START_END_message_LEVELS.csv} (or
 * {@code orderbook}), e.g. {@code AAPL_2012-06-21_34200000_57600000_message_10.csv}.
 *
 * @param ticker the symbol, e.g. AAPL
 * @param date   the trading day
 * @param levels the book depth the file was generated for
 * @param kind   "message" or "orderbook"
 */
public record LobsterFile(String ticker, LocalDate date, int levels, String kind)
{
    private static final Pattern NAME =
        Pattern.compile("([A-Za-z0-9.\\-]+)_(\\d{4}-\\d{2}-\\d{2})_(\\d+)_(\\d+)_(message|orderbook)_(\\d+)\\.csv");
    /** What the parts of a LOBSTER file name are, by {@link #NAME}'s group. */
    private static final String[] PARTS = {null, "ticker", "date", "start", "end", null, "levels"};

    /** @throws IllegalArgumentException when the name is not a LOBSTER file name. */
    public static LobsterFile of(final Path file)
    {
        final String name = file.getFileName().toString();
        final Matcher matcher = NAME.matcher(name);
        if (!matcher.matches())
        {
            // Either kind's pattern: an orderbook file refused with the message file's only was confusing (QA 124).
            throw new IllegalArgumentException("not a LOBSTER file name (TICKER_YYYY-MM-DD_START_END_message_LEVELS.csv, " +
                "or _orderbook_ for an orderbook file, whose levels the name gives): " + name);
        }
        try
        {
            return new LobsterFile(matcher.group(1), LocalDate.parse(matcher.group(2)),
                Integer.parseInt(matcher.group(6)), matcher.group(5));
        }
        catch (final DateTimeParseException | NumberFormatException ex)
        {
            throw new IllegalArgumentException("not a LOBSTER file name: " + name, ex);
        }
    }

    /**
     * Why an orderbook file is not the one LOBSTER wrote with a message file, as their names say (LOBSTER names the
     * two of one request alike but for the kind: ticker, date, start and end of the time span, levels), or null when
     * they agree, or either is not named the LOBSTER way (nothing to tell by).
     */
    public static String mismatch(final Path messageFile, final Path orderbookFile)
    {
        final Matcher messages = NAME.matcher(messageFile.getFileName().toString());
        final Matcher book = NAME.matcher(orderbookFile.getFileName().toString());
        if (!messages.matches() || !book.matches())
        {
            return null;
        }
        final StringBuilder differences = new StringBuilder();
        for (int group = 1; group < PARTS.length; group++)
        {
            if (PARTS[group] != null && !messages.group(group).equals(book.group(group)))
            {
                differences.append(differences.length() == 0 ? "" : ", ").append(PARTS[group]).append(' ')
                    .append(book.group(group)).append(", not ").append(messages.group(group));
            }
        }
        return differences.length() == 0 ? null : "the orderbook file " + orderbookFile.getFileName() + " is not the " +
            "one LOBSTER wrote with the message file " + messageFile.getFileName() + ": its name says " + differences +
            ". Give the orderbook file of the same ticker, date, time span and levels (--orderbook FILE), or none " +
            "(--no-orderbook)";
    }

    /** The orderbook file beside a message file (same directory, same name but the kind). */
    public static Path orderbookBeside(final Path messageFile)
    {
        final String name = messageFile.getFileName().toString().replace("_message_", "_orderbook_");
        return messageFile.resolveSibling(name);
    }
}
