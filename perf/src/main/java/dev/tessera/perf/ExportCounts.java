package dev.tessera.perf;

import java.util.Locale;

/**
 * What an export of Tessera commands to a workload left out, and what it carried in another form,
 * counted by kind: how faithful a run on the workload is to the commands it came from.
 */
final class ExportCounts
{
    /** Why a command is not in the workload ({@link #NONE}: it is). */
    enum Skip
    {
        NONE("", false),
        MARKET("market", true),
        FOK("FOK", true),
        POST_ONLY("post-only", true),
        MASS_CANCEL("mass cancel", true),
        /** exchange-core has no time in force DAY (the export sends DAY as GTC) and so nothing to expire. */
        END_OF_DAY("end of day", true),
        NOT_A_COMMAND("not an engine command", false),
        /** Recorded rejects change no book; the permissive benchmark instrument might accept them, so they go. */
        REJECTED_WHEN_RECORDED("rejected when recorded", false),
        /** Tessera keeps the order and its priority, and at most renames it: later commands find it under either id. */
        UNCHANGED("replace changing neither price nor quantity", false),
        /** The commands dropped before changed the book, so this one finds another state than when it was recorded. */
        UNKNOWN_ORDER("names an order no longer live here", true),
        UNKNOWN_ORDER_ID("names an unknown engine order id", true),
        DUPLICATE_CLIENT_ORDER_ID("reuses a client order id still live here", true);

        final String what;
        /** Dropping it can change what later commands do, and so the trades. */
        final boolean changesPath;

        Skip(final String what, final boolean changesPath)
        {
            this.what = what;
            this.changesPath = changesPath;
        }
    }

    /** A command carried in another form that means the same to both engines. */
    enum Rewrite
    {
        /** Tessera has no session clock, so a DAY order never expires: it is a GTC order. */
        DAY_AS_GTC("DAY as GTC"),
        /** The same order; the workload names orders by client order id (exchange-core by its key). */
        BY_ORDER_ID("by order id as by client order id"),
        /** Tessera re-enters the order at the back of the queue with its leaves: a cancel and a place of the leaves. */
        REPLACE_AS_CANCEL_AND_PLACE("replace as cancel + place"),
        /** Tessera cancels an order replaced to at most its filled quantity. */
        REPLACE_TO_FILLED_AS_CANCEL("replace to filled as cancel");

        final String what;

        Rewrite(final String what)
        {
            this.what = what;
        }
    }

    private final long[] skipped = new long[Skip.values().length];
    private final long[] rewritten = new long[Rewrite.values().length];

    void count(final Skip skip)
    {
        skipped[skip.ordinal()]++;
    }

    void count(final Rewrite rewrite)
    {
        rewritten[rewrite.ordinal()]++;
    }

    long skipped(final Skip skip)
    {
        return skipped[skip.ordinal()];
    }

    long rewritten(final Rewrite rewrite)
    {
        return rewritten[rewrite.ordinal()];
    }

    /** Commands not in the workload (every kind but {@link Skip#NONE}). */
    long skippedTotal()
    {
        long total = 0;
        for (final Skip skip : Skip.values())
        {
            total += skip == Skip.NONE ? 0 : skipped(skip);
        }
        return total;
    }

    long rewrittenTotal()
    {
        long total = 0;
        for (final long count : rewritten)
        {
            total += count;
        }
        return total;
    }

    /** True when nothing was dropped that could change what later commands do. */
    boolean pathKept()
    {
        for (final Skip skip : Skip.values())
        {
            if (skip.changesPath && skipped(skip) > 0)
            {
                return false;
            }
        }
        return true;
    }

    /** "dropped: market 3, FOK 1; rewritten: DAY as GTC 4", or "nothing dropped or rewritten". */
    String summary()
    {
        final StringBuilder dropped = new StringBuilder();
        for (final Skip skip : Skip.values())
        {
            if (skip != Skip.NONE && skipped(skip) > 0)
            {
                dropped.append(dropped.length() == 0 ? "dropped: " : ", ")
                    .append(String.format(Locale.ROOT, "%s %,d", skip.what, skipped(skip)));
            }
        }
        final StringBuilder carried = new StringBuilder();
        for (final Rewrite rewrite : Rewrite.values())
        {
            if (rewritten(rewrite) > 0)
            {
                carried.append(carried.length() == 0 ? "rewritten: " : ", ")
                    .append(String.format(Locale.ROOT, "%s %,d", rewrite.what, rewritten(rewrite)));
            }
        }
        if (dropped.length() == 0 && carried.length() == 0)
        {
            return "nothing dropped or rewritten";
        }
        return dropped.length() == 0 ? "nothing dropped; " + carried :
            carried.length() == 0 ? dropped + "; nothing rewritten" : dropped + "; " + carried;
    }
}
