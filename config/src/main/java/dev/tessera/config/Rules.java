package dev.tessera.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Every validation rule, written once and used twice: by the loader, which knows where each
 * value came from, and by the record constructors, so that a config built in code (tests, the
 * demo) cannot hold what a config file could not.
 *
 * <p>A {@code null} argument means the value could not be read and its problem has already
 * been reported; rules that need it are skipped rather than piling a second message on top.
 */
final class Rules
{
    static final List<String> ROLL_CYCLES = List.of(
        "FAST_DAILY", "FAST_HOURLY", "FIVE_MINUTELY", "TEN_MINUTELY", "TWENTY_MINUTELY",
        "HALF_HOURLY", "TWO_HOURLY", "FOUR_HOURLY", "SIX_HOURLY", "WEEKLY");

    static final int MAX_PRICE_BAND_BPS = 10_000;
    private static final long BASIS_POINTS = 10_000;
    static final int MIN_MESSAGE_BYTES = 256;
    /** About 1.7 GiB of heap at some 165 bytes per remembered order. */
    static final int MAX_DONE_ORDERS = 10_000_000;
    static final int MIN_RING_SIZE = 2;
    static final int MAX_RING_SIZE = 1 << 30;
    static final int MAX_PORT = 65_535;

    /**
     * A day: the longest HeartBtInt a gateway may allow. A session silent that long is gone; a client's HeartBtInt
     * beyond it would also have overflowed the gateway's silence arithmetic in nanoseconds (QA 96).
     */
    static final int MAX_HEARTBEAT_INTERVAL_SECONDS = 86_400;
    /** Some 4 KiB each (two 50-level books) and its MDReqID, and each visited every journal batch. */
    static final int MAX_MARKET_DATA_SUBSCRIPTIONS = 10_000;
    /** 00:00 to 23:59:59; LocalTime.parse alone would also take fractions of a second. */
    /**
     * Symbol(55) goes into FIX messages as it is (a control character such as SOH would end the field) and into
     * every market data entry, whose count per message is sized by it.
     */
    static final int MAX_SYMBOL_LENGTH = 32;
    private static final Pattern SYMBOL = Pattern.compile("[!-~]([ -~]{0,30}[!-~])?");
    /**
     * SenderCompID(49)/TargetCompID(56) go into every FIX message as they are, where a control character such as SOH
     * would end the field and a space is no CompID a FIX engine sends; a session's also names its state files
     * ({@code <CompID>.session}), so no path separator. Bounded as symbols are; 32 is far beyond any CompID in use.
     */
    static final int MAX_COMP_ID_LENGTH = 32;
    private static final Pattern COMP_ID = Pattern.compile("[!-.0-\\[\\]-~]{1,32}");
    private static final Pattern DAY_END = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?");

    private Rules()
    {
    }

    static void instrument(
        final Problems problems, final String path, final String symbol, final Integer id, final Integer priceScale,
        final Long tickSize, final Long lotSize, final Long minQuantity, final Long maxQuantity,
        final Long referencePrice, final Integer priceBandBps)
    {
        if (symbol != null && symbol.isBlank())
        {
            problems.add(join(path, "symbol") + " must not be empty");
        }
        else if (symbol != null && !SYMBOL.matcher(symbol).matches())
        {
            problems.add(join(path, "symbol") + " must be 1 to " + MAX_SYMBOL_LENGTH + " printable ASCII characters, " +
                "not starting or ending with a space, got \"" + symbol + "\"");
        }
        if (id != null && id <= 0)
        {
            problems.add(join(path, "id") + " must be > 0, got " + id);
        }
        if (priceScale != null && !FixedPoint.isValidScale(priceScale))
        {
            problems.add(join(path, "priceScale") + " must be between 0 and " + FixedPoint.MAX_SCALE
                + ", got " + priceScale);
        }
        // Prices are shown as written; a record with a bad scale still gets a readable number.
        final Function<Long, String> price = value -> priceScale == null ? Long.toString(value)
            : FixedPoint.plain(value, priceScale);
        if (tickSize != null && tickSize <= 0)
        {
            problems.add(join(path, "tickSize") + " must be > 0, got " + price.apply(tickSize));
        }
        if (lotSize != null && lotSize <= 0)
        {
            problems.add(join(path, "lotSize") + " must be > 0, got " + lotSize);
        }
        final boolean lotKnown = lotSize != null && lotSize > 0;
        if (minQuantity != null)
        {
            if (minQuantity <= 0)
            {
                problems.add(join(path, "minQuantity") + " must be > 0, got " + minQuantity);
            }
            else if (lotKnown && minQuantity % lotSize != 0)
            {
                problems.add(join(path, "minQuantity") + " must be a multiple of lotSize " + lotSize
                    + ", got " + minQuantity);
            }
        }
        if (maxQuantity != null)
        {
            if (minQuantity != null && minQuantity > 0 && maxQuantity < minQuantity)
            {
                problems.add(join(path, "maxQuantity") + " must be >= minQuantity " + minQuantity
                    + ", got " + maxQuantity);
            }
            else if (maxQuantity <= 0)
            {
                problems.add(join(path, "maxQuantity") + " must be > 0, got " + maxQuantity);
            }
            else if (lotKnown && maxQuantity % lotSize != 0)
            {
                problems.add(join(path, "maxQuantity") + " must be a multiple of lotSize " + lotSize
                    + ", got " + maxQuantity);
            }
        }
        if (referencePrice != null)
        {
            if (referencePrice <= 0)
            {
                problems.add(join(path, "referencePrice") + " must be > 0, got " + price.apply(referencePrice));
            }
            else if (tickSize != null && tickSize > 0 && referencePrice % tickSize != 0)
            {
                problems.add(join(path, "referencePrice") + " must be a multiple of tickSize "
                    + price.apply(tickSize) + ", got " + price.apply(referencePrice));
            }
        }
        if (priceBandBps != null && (priceBandBps < 0 || priceBandBps > MAX_PRICE_BAND_BPS))
        {
            problems.add(join(path, "priceBandBps") + " must be between 0 and " + MAX_PRICE_BAND_BPS
                + ", got " + priceBandBps);
        }
        else if (priceBandBps != null && priceBandBps > 0 && referencePrice != null && referencePrice > 0 &&
            maxQuantity != null && maxQuantity > 0)
        {
            // An order's filled notional (price x quantity over its fills, for AvgPx) is a long: the band's top
            // at the largest order must fit. (Without a band, the engine admits no price above that.)
            final long bandTop = bandTop(referencePrice, priceBandBps);
            if (bandTop < 0 || bandTop > Long.MAX_VALUE / maxQuantity)
            {
                problems.add(join(path, "maxQuantity") + " " + maxQuantity + " at the band's highest price " +
                    (bandTop < 0 ? "(beyond 64 bits)" : price.apply(bandTop)) + " makes a notional beyond 64 bits " +
                    "(AvgPx sums price x quantity): lower maxQuantity, referencePrice or priceBandBps");
            }
        }
        else if (priceBandBps != null && priceBandBps == 0 && tickSize != null && tickSize > 0 &&
            maxQuantity != null && maxQuantity > 0 && tickSize > Long.MAX_VALUE / maxQuantity)
        {
            // Without a band the engine admits no price whose notional at maxQuantity overflows: with one tick already
            // past that, no price on the tick is admitted, and it would take no order at all (QA 115 F4:
            // "configuration OK", every order rejected). A lower maxQuantity, or a finer tick, admits some.
            problems.add(join(path, "maxQuantity") + " " + maxQuantity + " at the lowest price on the tick, " +
                price.apply(tickSize) + ", makes a notional beyond 64 bits (AvgPx sums price x quantity), so no " +
                "order could be placed: lower maxQuantity");
        }
    }

    /**
     * The band's highest price, {@code referencePrice + referencePrice * priceBandBps / 10000} (the width rounded
     * inwards, so the band never admits a price the percentage excludes), or -1 when beyond 64 bits. Also what
     * {@link InstrumentConfig#highestPrice} and {@link InstrumentConfig#lowestPrice} are made of.
     */
    static long bandTop(final long referencePrice, final int priceBandBps)
    {
        final long product = referencePrice * priceBandBps;
        if (Math.multiplyHigh(referencePrice, priceBandBps) != 0 || product < 0)
        {
            return -1;
        }
        final long top = referencePrice + product / BASIS_POINTS;
        return top < 0 ? -1 : top;
    }

    /** Cross-instrument rules; list positions are the instruments' indices in the file. */
    static void instruments(
        final Problems problems, final String path, final List<String> symbols, final List<Integer> ids)
    {
        if (symbols.isEmpty())
        {
            problems.add(path + " must not be empty");
        }
        unique(problems, path, "id", ids, String::valueOf);
        unique(problems, path, "symbol", symbols, Rules::quote);
    }

    private static void compId(final Problems problems, final String keyPath, final String compId)
    {
        if (compId != null && compId.isBlank())
        {
            problems.add(keyPath + " must not be empty");
        }
        else if (compId != null && !COMP_ID.matcher(compId).matches())
        {
            problems.add(keyPath + " must be 1 to " + MAX_COMP_ID_LENGTH + " printable ASCII characters, without " +
                "spaces, / or \\ (it goes into every FIX message as it is, and a session's names its files), got " +
                quote(compId));
        }
    }

    /** A gateway nobody can log on to serves no one: an empty list is a mistake (a list left empty, a bad merge). */
    static void sessions(final Problems problems, final String path, final int count)
    {
        if (count == 0)
        {
            problems.add(path + " must not be empty: with no session no client can log on");
        }
    }

    static void session(
        final Problems problems, final String path, final String compId, final Long ownerId,
        final Integer throttleMessagesPerSecond, final Integer floodLogoutMultiple)
    {
        compId(problems, join(path, "compId"), compId);
        if (ownerId != null && ownerId <= 0)
        {
            problems.add(join(path, "ownerId") + " must be > 0, got " + ownerId);
        }
        else if (ownerId != null && DemoOwners.isDemoOwner(ownerId))
        {
            // Start-up lets the demo's orders rest with no session: a session's orders under its owner would too.
            problems.add(join(path, "ownerId") + " " + ownerId + " is an owner of bin/tessera --demo's orders (" +
                DemoOwners.MAKER + " and " + DemoOwners.TAKER + "), which no session has: choose another");
        }
        if (throttleMessagesPerSecond != null && throttleMessagesPerSecond <= 0)
        {
            problems.add(join(path, "throttleMessagesPerSecond") + " must be > 0, got " + throttleMessagesPerSecond);
        }
        if (floodLogoutMultiple != null && floodLogoutMultiple < 0)
        {
            problems.add(join(path, "floodLogoutMultiple") + " must be >= 0 (0: never), got " + floodLogoutMultiple);
        }
    }

    /** The outbound bound must hold a few whole messages, or no client could ever be served. */
    static void outbound(final Problems problems, final String path, final Integer maxMessageBytes,
        final Integer maxOutboundBytes)
    {
        if (maxMessageBytes != null && maxOutboundBytes != null && maxOutboundBytes < 4L * maxMessageBytes)
        {
            problems.add(join(path, "maxOutboundBytes") + " must be >= 4 * maxMessageBytes (" + 4L * maxMessageBytes
                + "), got " + maxOutboundBytes);
        }
    }

    /** A bound on the done orders remembered: each costs memory, so not beyond what a heap holds with ease. */
    static void doneOrders(final Problems problems, final String path, final Integer doneOrders)
    {
        if (doneOrders != null && (doneOrders < 0 || doneOrders > MAX_DONE_ORDERS))
        {
            problems.add(join(path, "doneOrders") + " must be between 0 and " + MAX_DONE_ORDERS + ", got " + doneOrders);
        }
    }

    /** A bound on a session's market data subscriptions: each costs memory and work on the gateway thread. */
    static void maxMarketDataSubscriptions(final Problems problems, final String path, final Integer subscriptions)
    {
        if (subscriptions != null && (subscriptions < 0 || subscriptions > MAX_MARKET_DATA_SUBSCRIPTIONS))
        {
            problems.add(join(path, "maxMarketDataSubscriptions") + " must be between 0 and " +
                MAX_MARKET_DATA_SUBSCRIPTIONS + ", got " + subscriptions);
        }
    }

    /** Gateway rules, including those across its sessions (list positions are their indices). */
    static void gateway(
        final Problems problems, final String path, final String host, final Integer port, final String compId,
        final Integer maxHeartbeatIntervalSeconds, final Integer maxMessageBytes, final List<String> sessionCompIds,
        final List<Long> sessionOwnerIds)
    {
        if (host != null && host.isBlank())
        {
            problems.add(join(path, "host") + " must not be empty");
        }
        if (port != null && (port < 0 || port > MAX_PORT))
        {
            problems.add(join(path, "port") + " must be between 0 and " + MAX_PORT + ", got " + port);
        }
        compId(problems, join(path, "compId"), compId);
        if (maxHeartbeatIntervalSeconds != null &&
            (maxHeartbeatIntervalSeconds < 1 || maxHeartbeatIntervalSeconds > MAX_HEARTBEAT_INTERVAL_SECONDS))
        {
            problems.add(join(path, "maxHeartbeatIntervalSeconds") + " must be between 1 and " +
                MAX_HEARTBEAT_INTERVAL_SECONDS + ", got " + maxHeartbeatIntervalSeconds);
        }
        if (maxMessageBytes != null && maxMessageBytes < MIN_MESSAGE_BYTES)
        {
            problems.add(join(path, "maxMessageBytes") + " must be >= " + MIN_MESSAGE_BYTES + ", got " + maxMessageBytes);
        }
        final String sessions = join(path, "sessions");
        for (int i = 0; i < sessionCompIds.size(); i++)
        {
            final String sessionCompId = sessionCompIds.get(i);
            if (sessionCompId != null && sessionCompId.equals(compId))
            {
                // Where gateway.compId was set too: the session may be the embedded defaults' (QA 102 #5).
                problems.add(sessions + "[" + i + "].compId " + quote(sessionCompId) + " must differ from "
                    + join(path, "compId") + problems.where(join(path, "compId")) + ", which is the exchange's own CompID");
            }
        }
        unique(problems, sessions, "compId", sessionCompIds, Rules::quote);
        unique(problems, sessions, "ownerId", sessionOwnerIds, String::valueOf);
    }

    static void journal(
        final Problems problems, final String path, final String directory, final String rollCycle,
        final String snapshotDirectory, final Long snapshotIntervalRecords, final Integer snapshotsToKeep,
        final String archiveDirectory)
    {
        if (directory != null && directory.isBlank())
        {
            problems.add(join(path, "directory") + " must not be empty");
        }
        if (rollCycle != null && !ROLL_CYCLES.contains(rollCycle))
        {
            problems.add(join(path, "rollCycle") + " must be one of " + String.join(", ", ROLL_CYCLES)
                + ", got " + quote(rollCycle));
        }
        if (snapshotDirectory != null && snapshotDirectory.isBlank())
        {
            problems.add(join(path, "snapshotDirectory") + " must not be empty");
        }
        if (snapshotIntervalRecords != null && snapshotIntervalRecords <= 0)
        {
            problems.add(join(path, "snapshotIntervalRecords") + " must be > 0, got " + snapshotIntervalRecords);
        }
        if (snapshotsToKeep != null && snapshotsToKeep < 1)
        {
            problems.add(join(path, "snapshotsToKeep") + " must be >= 1, got " + snapshotsToKeep);
        }
        if (archiveDirectory != null && archiveDirectory.isBlank())
        {
            problems.add(join(path, "archiveDirectory") + " must not be empty");
        }
        else if (archiveDirectory != null && directory != null && !directory.isBlank()
            && samePath(archiveDirectory, directory))
        {
            // Archiving into the journal's own directory would move nothing out of the journal.
            problems.add(join(path, "archiveDirectory") + " must differ from " + join(path, "directory")
                + ", got " + quote(archiveDirectory));
        }
    }

    /**
     * {@code key}, a directory the exchange keeps files in, must not be {@code journal.directory} nor inside it:
     * {@code journal repair} moves the journal's directory aside whole (kept as {@code <journal>.corrupt-<millis>})
     * and copies only the journal back, so {@code what} would go with it (QA 116). A journal inside one of them is
     * fine: nothing moves those directories whole.
     */
    static void outsideJournal(final Problems problems, final String journalKey, final String journalDirectory,
        final String key, final String directory, final String what)
    {
        final Path journal = normalized(journalDirectory);
        final Path inner = normalized(directory);
        if (journal == null || inner == null || !inner.startsWith(journal))
        {
            return;
        }
        problems.add(key + " " + quote(directory) + (inner.equals(journal) ? " is " : " is inside ") + journalKey + " "
            + quote(journalDirectory) + problems.where(journalKey) + ": a journal repair moves that directory aside "
            + "whole, and " + what + " with it; give each a directory of its own");
    }

    /**
     * The directory {@code path} names, absolute, with the part of it that exists resolved through symbolic links: two
     * names of one directory are one (QA 124 N2: a snapshot directory under a link to the journal's passed).
     */
    private static Path normalized(final String path)
    {
        try
        {
            return path == null || path.isBlank() ? null : real(Path.of(path).toAbsolutePath().normalize());
        }
        catch (final InvalidPathException e)
        {
            // Reported where the path is read; no second message here.
            return null;
        }
    }

    private static Path real(final Path absolute)
    {
        Path existing = absolute;
        while (existing != null && !Files.exists(existing))
        {
            existing = existing.getParent();
        }
        try
        {
            return existing == null ? absolute : existing.toRealPath().resolve(existing.relativize(absolute)).normalize();
        }
        catch (final IOException e)
        {
            return absolute; // unreadable: compared as written
        }
    }

    static boolean samePath(final String a, final String b)
    {
        final Path normalized = normalized(a);
        return normalized != null && normalized.equals(normalized(b));
    }

    static void pipeline(final Problems problems, final String path, final Integer ringSize)
    {
        if (ringSize == null)
        {
            return;
        }
        // The ring indexes with a mask, so a size that is not a power of two would skip slots.
        if (ringSize <= 0 || Integer.bitCount(ringSize) != 1)
        {
            problems.add(join(path, "ringSize") + " must be a power of two, got " + ringSize);
        }
        else if (ringSize < MIN_RING_SIZE || ringSize > MAX_RING_SIZE)
        {
            problems.add(join(path, "ringSize") + " must be between " + MIN_RING_SIZE + " and " + MAX_RING_SIZE +
                ", got " + ringSize);
        }
    }

    /** Reports each value used more than once, at its last use, listing every use. */
    static <T> void unique(final Problems problems, final String listPath, final String field, final List<T> values,
        final Function<T, String> show)
    {
        final Map<T, List<Integer>> uses = new LinkedHashMap<>();
        for (int i = 0; i < values.size(); i++)
        {
            final T value = values.get(i);
            final boolean blank = value instanceof String && ((String) value).isBlank();
            if (value != null && !blank)
            {
                uses.computeIfAbsent(value, v -> new ArrayList<>()).add(i);
            }
        }
        uses.forEach((value, indices) ->
        {
            if (indices.size() < 2)
            {
                return;
            }
            final List<String> places = new ArrayList<>();
            for (final int index : indices)
            {
                places.add(listPath + "[" + index + "]");
            }
            final String times = indices.size() == 2 ? "twice" : indices.size() + " times";
            problems.add(places.get(places.size() - 1) + "." + field + " " + show.apply(value) + " is used "
                + times + " (" + String.join(", ", places) + ")");
        });
    }

    /**
     * {@code trading.dayEnd}: a UTC time of day, HH:mm or HH:mm:ss (24-hour), or "none" (any case).
     *
     * @return the time, empty for none, or null after reporting a bad value.
     */
    static Optional<LocalTime> dayEnd(final Problems problems, final String path, final String text)
    {
        final String trimmed = text.strip();
        if (TradingConfig.NONE.equalsIgnoreCase(trimmed))
        {
            return Optional.empty();
        }
        if (DAY_END.matcher(trimmed).matches())
        {
            return Optional.of(LocalTime.parse(trimmed));
        }
        problems.add(join(path, "dayEnd") + " must be a UTC time of day HH:mm or HH:mm:ss, or none, got " + quote(text));
        return null;
    }

    static String join(final String path, final String key)
    {
        return path.isEmpty() ? key : path + "." + key;
    }

    static String quote(final String text)
    {
        final StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            switch (c)
            {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\t' -> quoted.append("\\t");
                default ->
                {
                    if (c < 0x20)
                    {
                        // FIX's SOH and friends would otherwise vanish from a terminal.
                        quoted.append(String.format("\\u%04x", (int) c));
                    }
                    else
                    {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
