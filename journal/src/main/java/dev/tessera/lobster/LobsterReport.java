package dev.tessera.lobster;

import dev.tessera.report.HtmlReport;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What a LOBSTER replay adds to a run's report: the import's counts and the book comparison. */
public final class LobsterReport
{
    /** Said, on the console and the page, instead of a rate of nothing (NaN) per level. */
    private static final String NOTHING_COMPARED = "no timestamp batch to compare: the message file has no message";
    /** What a cross row (type 6) is: counted, no command (the opening and closing auctions print as crosses). */
    private static final String CROSS = "an auction print, not in the book";

    private final LobsterReplay replay;

    public LobsterReport(final LobsterReplay replay)
    {
        this.replay = replay;
    }

    /** Lines for the console. */
    public void print(final PrintWriter out)
    {
        final LobsterImport translator = replay.source().translator();
        out.println("messages  " + String.format(Locale.ROOT, "%,d", replay.source().position()) + ": " +
            count(translator.messages(LobsterMessage.NEW_ORDER), "submission", "s") + ", " +
            count(translator.messages(LobsterMessage.PARTIAL_CANCEL), "partial cancel", "s") + ", " +
            count(translator.messages(LobsterMessage.DELETE), "delete", "s") + ", " +
            count(translator.messages(LobsterMessage.VISIBLE_EXECUTION), "visible execution", "s") + ", " +
            count(translator.messages(LobsterMessage.HIDDEN_EXECUTION), "hidden execution", "s") + " (not in the book), " +
            count(translator.messages(LobsterMessage.CROSS), "cross", "es") + " (" + CROSS + "), " +
            count(translator.messages(LobsterMessage.HALT), "halt", "s"));
        final long leftOut = translator.unknownOrderMessages();
        out.println("seeded    " + count(translator.seedOrders(), "order", "s") + " (the book before the first message); " +
            "unseen earlier orders: " + count(leftOut, "cancel", "s") + " or delete" + (leftOut == 1 ? "" : "s") +
            " left out, " + count(translator.unseenExecutions(), "execution", "s") + " sent as IOC orders all the same; " +
            count(replay.source().resyncAdjustments(), "re-alignment command", "s"));
        // The engine's volume against the file's: what each execution's IOC order could not trade is cancelled.
        out.println("untraded  " + count(translator.untradedExecutions(), "visible execution", "s") + " of " +
            String.format(Locale.ROOT, "%,d", translator.messages(LobsterMessage.VISIBLE_EXECUTION)) +
            " found less to trade against than LOBSTER executed: " + count(translator.untradedShares(), "share", "s") +
            " did not trade (cancelled as IOC remainders, which the cancels column counts)" + rejectedExecutions(translator));
        final TopOfBookComparison comparison = replay.comparison();
        if (comparison == null)
        {
            return;
        }
        if (comparison.batches() == 0)
        {
            // no rate of nothing: one line instead of a NaN per level
            out.println("match     " + NOTHING_COMPARED);
            return;
        }
        for (int depth = 1; depth <= comparison.levels(); depth++)
        {
            out.printf(Locale.ROOT, "match     best %2d level%s: %,d of %s (%.2f%%)%n", depth, depth == 1 ? " " : "s",
                comparison.matched(depth), count(comparison.batches(), "timestamp batch", "es"),
                100 * comparison.matchRate(depth));
        }
        for (final TopOfBookComparison.Mismatch mismatch : comparison.firstMismatches())
        {
            out.println("mismatch  " + describe(mismatch));
        }
    }

    /** "; N more were rejected ..." when the engine rejected executions' IOC orders, "" when it rejected none. */
    private static String rejectedExecutions(final LobsterImport translator)
    {
        final long rejected = translator.rejectedExecutions();
        return rejected == 0 ? "" : "; " + count(rejected, "more", "") + " (" + translator.mostFrequentExecutionReject() +
            " most often) " + (rejected == 1 ? "was" : "were") + " rejected, " +
            count(translator.rejectedExecutionShares(), "share", "s") + " that did not trade either (the rejects column " +
            "counts them)";
    }

    /** The section of the HTML page. */
    public void addTo(final HtmlReport page)
    {
        final LobsterImport translator = replay.source().translator();
        page.heading("LOBSTER import")
            .table(List.of("message type", "rows"), List.of(
                List.of("1 submission", Long.toString(translator.messages(LobsterMessage.NEW_ORDER))),
                List.of("2 partial cancel", Long.toString(translator.messages(LobsterMessage.PARTIAL_CANCEL))),
                List.of("3 delete", Long.toString(translator.messages(LobsterMessage.DELETE))),
                List.of("4 visible execution", Long.toString(translator.messages(LobsterMessage.VISIBLE_EXECUTION))),
                List.of("5 hidden execution (not in the book)", Long.toString(translator.messages(LobsterMessage.HIDDEN_EXECUTION))),
                List.of("6 cross (" + CROSS + ")", Long.toString(translator.messages(LobsterMessage.CROSS))),
                List.of("7 halt", Long.toString(translator.messages(LobsterMessage.HALT)))))
            .paragraph("Seed orders (the book before the first message): " + translator.seedOrders() +
                "; cancels and deletes of earlier orders no seed covered, left out: " + translator.unknownOrderMessages() +
                "; executions of such orders, sent as IOC orders all the same: " + translator.unseenExecutions() +
                "; re-alignment commands: " + replay.source().resyncAdjustments() + ". Visible executions that found " +
                "less to trade against than LOBSTER executed: " + translator.untradedExecutions() + ", " +
                translator.untradedShares() + " shares not traded (cancelled as IOC remainders, counted in cancels)" +
                rejectedExecutions(translator) + ".");
        final TopOfBookComparison comparison = replay.comparison();
        if (comparison == null)
        {
            return;
        }
        page.heading("Book comparison with the LOBSTER orderbook file");
        if (comparison.batches() == 0)
        {
            page.paragraph(Character.toUpperCase(NOTHING_COMPARED.charAt(0)) + NOTHING_COMPARED.substring(1) + ".");
            return;
        }
        final List<List<String>> rates = new ArrayList<>();
        for (int depth = 1; depth <= comparison.levels(); depth++)
        {
            rates.add(List.of(Integer.toString(depth), Long.toString(comparison.matched(depth)),
                Long.toString(comparison.batches()), String.format(Locale.ROOT, "%.2f%%", 100 * comparison.matchRate(depth))));
        }
        page.paragraph("After every timestamp batch, the engine's best levels against the file's row of the batch's last message.")
            .table(List.of("best levels", "batches matching", "batches", "match rate"), rates);
        final List<List<String>> mismatches = new ArrayList<>();
        for (final TopOfBookComparison.Mismatch mismatch : comparison.firstMismatches())
        {
            mismatches.add(List.of(Long.toString(mismatch.message()), Long.toString(mismatch.line()),
                LobsterTime.format(mismatch.timeNanos()), mismatch.expected(), mismatch.actual()));
        }
        if (!mismatches.isEmpty())
        {
            page.paragraph("First mismatches (prices in dollars x 10,000; message: the batch's last, counted from 1; " +
                "line: its line in the message and orderbook files):")
                .table(List.of("message", "line", "time", "LOBSTER", "engine"), mismatches);
        }
    }

    /** "1 delete", "2 deletes": a count and its noun, singular for one. */
    private static String count(final long count, final String singular, final String pluralEnding)
    {
        return String.format(Locale.ROOT, "%,d %s%s", count, singular, count == 1 ? "" : pluralEnding);
    }

    private static String describe(final TopOfBookComparison.Mismatch mismatch)
    {
        // counted from 1, as the parse errors' lines are; the line is the files' own (a header line shifts it)
        return "message " + mismatch.message() + " (line " + mismatch.line() + ") at " +
            LobsterTime.format(mismatch.timeNanos()) +
            ": LOBSTER " + mismatch.expected() + " / engine " + mismatch.actual();
    }
}
