package dev.tessera.projection;

import dev.tessera.config.InstrumentConfig;
import dev.tessera.engine.ClientOrderIds;
import dev.tessera.journal.ExecIds;
import dev.tessera.journal.JournalGenerations;
import dev.tessera.journal.tools.JournalTime;
import dev.tessera.journal.tools.Turnover;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * A projection as a table: a header and rows of text, for the console and for CSV alike. Prices are
 * written in their instrument's decimals (the raw fixed point for an instrument the configuration
 * lacks), times as UTC ISO-8601 with nanoseconds, client order ids as the ClOrdID text the client sent
 * ({@link ClientOrderIds#text}, as {@code journal dump} shows them).
 */
public record ProjectionTable(List<String> header, List<List<String>> rows)
{
    /** The columns after {@code event} came later: appended, so that a reader of the earlier ones finds them in place. */
    public static final List<String> TRADES_HEADER = List.of("time", "instrument", "price", "quantity", "aggressor",
        "maker_order", "maker_owner", "taker_order", "taker_owner", "event", "maker_client_order", "taker_client_order",
        "maker_exec_id", "taker_exec_id");
    /** The columns after {@code trades} came later: appended, as the trades' were. */
    public static final List<String> CANDLES_HEADER = List.of("instrument", "start", "open", "high", "low", "close",
        "volume", "trades", "notional", "vwap");
    /** {@code owner} came with the whole venue's audit in one file: appended, as the trades' new columns. */
    public static final List<String> ORDERS_HEADER = List.of("order", "client_order", "instrument", "side", "status",
        "time", "event", "step", "price", "quantity", "leaves", "counterparty", "request_client_order", "detail", "owner");

    /**
     * One row per trade, with each side's ClOrdID and the ExecID(17) of its fill report ({@link ExecIds}), so that a
     * tape row matches both clients' reports as they are.
     *
     * @param generations the journal's ({@link JournalGenerations#read}): which generation each trade's ExecIDs carry
     */
    public static ProjectionTable trades(
        final List<TradePrint> prints, final IntFunction<Optional<InstrumentConfig>> instruments,
        final JournalGenerations generations)
    {
        final List<List<String>> rows = new ArrayList<>(prints.size());
        for (final TradePrint print : prints)
        {
            final int generation = generations.generationOf(print.recordSequence());
            rows.add(List.of(JournalTime.format(print.timestamp()), symbol(instruments, print.instrumentId()),
                price(instruments, print.instrumentId(), print.price()), Long.toString(print.quantity()),
                print.aggressorSide().name(), Long.toString(print.makerOrderId()), Long.toString(print.makerOwner()),
                Long.toString(print.takerOrderId()), Long.toString(print.takerOwner()), Long.toString(print.eventSequence()),
                ClientOrderIds.text(print.makerClientOrderId()), ClientOrderIds.text(print.takerClientOrderId()),
                ExecIds.text(generation, print.eventSequence(), ExecIds.ROLE_MAKER),
                ExecIds.text(generation, print.eventSequence(), ExecIds.ROLE_TAKER)));
        }
        return new ProjectionTable(TRADES_HEADER, rows);
    }

    /** One row per candle, with its notional and VWAP ({@link Turnover}) in the instrument's decimals. */
    public static ProjectionTable candles(final List<Candle> candles, final IntFunction<Optional<InstrumentConfig>> instruments)
    {
        final List<List<String>> rows = new ArrayList<>(candles.size());
        for (final Candle candle : candles)
        {
            final int id = candle.instrumentId();
            // As price(): the raw fixed point for an instrument the configuration lacks.
            final int priceScale = instruments.apply(id).map(InstrumentConfig::priceScale).orElse(0);
            rows.add(List.of(symbol(instruments, id), JournalTime.format(candle.startNanos()),
                price(instruments, id, candle.open()), price(instruments, id, candle.high()),
                price(instruments, id, candle.low()), price(instruments, id, candle.close()),
                Long.toString(candle.volume()), Long.toString(candle.trades()),
                Turnover.notional(candle.notional(), priceScale), Turnover.vwap(candle.notional(), candle.volume(), priceScale)));
        }
        return new ProjectionTable(CANDLES_HEADER, rows);
    }

    /** One row per step of each order's life. */
    public static ProjectionTable orders(
        final List<OrderHistory> orders, final IntFunction<Optional<InstrumentConfig>> instruments)
    {
        final List<List<String>> rows = new ArrayList<>();
        for (final OrderHistory order : orders)
        {
            final int id = order.instrumentId();
            for (final AuditEntry entry : order.entries())
            {
                rows.add(List.of(Long.toString(order.orderId()), ClientOrderIds.text(order.clientOrderId()),
                    id == 0 ? "" : symbol(instruments, id), order.side() == null ? "" : order.side().name(),
                    order.status().name(), JournalTime.format(entry.timestamp()), Long.toString(entry.eventSequence()),
                    entry.kind().name(), entry.price() == 0 ? "" : price(instruments, id, entry.price()),
                    refusal(entry) ? "" : Long.toString(entry.quantity()),
                    refusal(entry) ? "" : Long.toString(entry.leavesQuantity()),
                    entry.counterpartyOrderId() == 0 ? "" : Long.toString(entry.counterpartyOrderId()),
                    requestClientOrder(entry), entry.detail(), Long.toString(order.owner())));
            }
        }
        return new ProjectionTable(ORDERS_HEADER, rows);
    }

    /**
     * The ClOrdID of the request a step answers; empty for none (0): the gateway's own cancel-on-disconnect, which no
     * client sent (QA 120: read as a ClOrdID "0"). A day end's expiry carries the order's own.
     */
    private static String requestClientOrder(final AuditEntry entry)
    {
        return entry.clientOrderId() == 0 ? "" : ClientOrderIds.text(entry.clientOrderId());
    }

    /**
     * A refused cancel or replace: its event carries no price or quantity, and the order kept what it had, so its
     * cells stay empty rather than read as a quantity of 0 (QA 111 N5).
     */
    private static boolean refusal(final AuditEntry entry)
    {
        return entry.kind() == AuditEntry.Kind.CANCEL_REJECTED || entry.kind() == AuditEntry.Kind.REPLACE_REJECTED;
    }

    /** Comma-separated, header first (no cell holds a comma). */
    public void writeCsv(final PrintWriter out)
    {
        out.println(String.join(",", header));
        for (final List<String> row : rows)
        {
            out.println(String.join(",", row));
        }
    }

    private static String symbol(final IntFunction<Optional<InstrumentConfig>> instruments, final int instrumentId)
    {
        return instruments.apply(instrumentId).map(InstrumentConfig::symbol).orElse(Integer.toString(instrumentId));
    }

    private static String price(
        final IntFunction<Optional<InstrumentConfig>> instruments, final int instrumentId, final long price)
    {
        return instruments.apply(instrumentId).map(instrument -> instrument.formatPrice(price)).orElse(Long.toString(price));
    }
}
