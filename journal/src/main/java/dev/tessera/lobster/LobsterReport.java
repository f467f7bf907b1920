package dev.tessera.lobster;

import dev.tessera.report.HtmlReport;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What a LOBSTER replay adds to a run's report: the import's counts and the book comparison. */
public final class LobsterReport
{
    private final LobsterReplay replay;

    public LobsterReport(final LobsterReplay replay)
    {
        this.replay = replay;
    }

    /** Lines for the console. */
    public void print(final PrintWriter out)
    {
        final LobsterImport translator = replay.source().translator();
        out.printf(Locale.ROOT, "messages  %,d: %,d submissions, %,d partial cancels, %,d deletes, %,d visible executions, " +
            "%,d hidden executions (not in the book), %,d halts%n", replay.source().position(),
            translator.messages(LobsterMessage.NEW_ORDER), translator.messages(LobsterMessage.PARTIAL_CANCEL),
            translator.messages(LobsterMessage.DELETE), translator.messages(LobsterMessage.VISIBLE_EXECUTION),
            translator.messages(LobsterMessage.HIDDEN_EXECUTION), translator.messages(LobsterMessage.HALT));
        out.printf(Locale.ROOT, "seeded    %,d orders (the book before the first message); %,d cancels and deletes " +
            "of unseen earlier orders left out; %,d executions of unseen earlier orders sent as IOC orders all the same; " +
            "%,d re-alignment commands%n", translator.seedOrders(), translator.unknownOrderMessages(),
            translator.unseenExecutions(), replay.source().resyncAdjustments());
        final TopOfBookComparison comparison = replay.comparison();
        if (comparison == null)
        {
            return;
        }
        for (int depth = 1; depth <= comparison.levels(); depth++)
        {
            out.printf(Locale.ROOT, "match     best %2d level%s: %,d of %,d timestamp batches (%.2f%%)%n", depth,
                depth == 1 ? " " : "s", comparison.matched(depth), comparison.batches(), 100 * comparison.matchRate(depth));
        }
        for (final TopOfBookComparison.Mismatch mismatch : comparison.firstMismatches())
        {
            out.println("mismatch  " + describe(mismatch));
        }
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
                List.of("7 halt", Long.toString(translator.messages(LobsterMessage.HALT)))))
            .paragraph("Seed orders (the book before the first message): " + translator.seedOrders() +
                "; cancels and deletes of earlier orders no seed covered, left out: " + translator.unknownOrderMessages() +
                "; executions of such orders, sent as IOC orders all the same: " + translator.unseenExecutions() +
                "; re-alignment commands: " + replay.source().resyncAdjustments() + ".");
        final TopOfBookComparison comparison = replay.comparison();
        if (comparison == null)
        {
            return;
        }
        final List<List<String>> rates = new ArrayList<>();
        for (int depth = 1; depth <= comparison.levels(); depth++)
        {
            rates.add(List.of(Integer.toString(depth), Long.toString(comparison.matched(depth)),
                Long.toString(comparison.batches()), String.format(Locale.ROOT, "%.2f%%", 100 * comparison.matchRate(depth))));
        }
        page.heading("Book comparison with the LOBSTER orderbook file")
            .paragraph("After every timestamp batch, the engine's best levels against the file's row of the batch's last message.")
            .table(List.of("best levels", "batches matching", "batches", "match rate"), rates);
        final List<List<String>> mismatches = new ArrayList<>();
        for (final TopOfBookComparison.Mismatch mismatch : comparison.firstMismatches())
        {
            mismatches.add(List.of(Long.toString(mismatch.messageIndex()), LobsterTime.format(mismatch.timeNanos()),
                mismatch.expected(), mismatch.actual()));
        }
        if (!mismatches.isEmpty())
        {
            page.paragraph("First mismatches (prices in dollars x 10,000):")
                .table(List.of("message", "time", "LOBSTER", "engine"), mismatches);
        }
    }

    private static String describe(final TopOfBookComparison.Mismatch mismatch)
    {
        return "message " + mismatch.messageIndex() + " at " + LobsterTime.format(mismatch.timeNanos()) +
            ": LOBSTER " + mismatch.expected() + " / engine " + mismatch.actual();
    }
}
