package dev.tessera.simulation;

import dev.tessera.config.InstrumentConfig;
import dev.tessera.config.UnusableDirectoryException;
import dev.tessera.engine.OrderBook;
import dev.tessera.journal.tools.JournalTime;
import dev.tessera.report.AxisScale;
import dev.tessera.report.HtmlReport;
import dev.tessera.report.LineChart;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The written results of a run: {@code statistics.csv} (one row per instrument),
 * {@code series.csv} (mid, spread and volume per time bucket and instrument) and the start of an
 * HTML page ({@link #html}) with the table and charts, which callers may extend before writing.
 */
public final class SimulationReport
{
    public static final List<String> STATISTICS_HEADER = List.of("instrument", "orders", "cancels", "replaces", "rejects",
        "trades", "volume", "vwap", "high", "low", "fill_ratio", "mean_spread", "min_spread", "max_spread",
        "mean_top_depth", "mean_depth_5_levels");
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private final SimulationStatistics statistics;

    public SimulationReport(final SimulationStatistics statistics)
    {
        this.statistics = statistics;
    }

    /**
     * The per-instrument rows, as text, in {@link #STATISTICS_HEADER} order: of the instruments the run's orders
     * reached (accepted, rejected or cancelled), the same on the console, in {@code statistics.csv} and on the page;
     * a configured instrument no order named would be a row of zeros and blanks.
     */
    public List<List<String>> rows()
    {
        final List<List<String>> rows = new ArrayList<>();
        for (final InstrumentStatistics s : statistics.instruments())
        {
            if (s.orders() + s.rejects() + s.cancels() == 0)
            {
                continue;
            }
            final InstrumentConfig instrument = s.instrument();
            rows.add(List.of(instrument.symbol(), Long.toString(s.orders()), Long.toString(s.cancels()),
                Long.toString(s.replaces()), Long.toString(s.rejects()), Long.toString(s.trades()), Long.toString(s.volume()),
                decimal(s.vwap(), instrument.priceScale()), price(instrument, s.highPrice()), price(instrument, s.lowPrice()),
                decimal(s.fillRatio(), 4), decimal(s.meanSpread(), instrument.priceScale()),
                decimal(s.minSpread(), instrument.priceScale()), decimal(s.maxSpread(), instrument.priceScale()),
                decimal(s.meanTopDepth(), 1), decimal(s.meanDepth(), 1)));
        }
        return rows;
    }

    public Path writeStatisticsCsv(final Path file)
    {
        return write(file, out ->
        {
            out.println(String.join(",", STATISTICS_HEADER));
            for (final List<String> row : rows())
            {
                out.println(String.join(",", row));
            }
        });
    }

    public Path writeSeriesCsv(final Path file)
    {
        return write(file, out ->
        {
            out.println("instrument,bucket_end,mid,spread,volume");
            for (final InstrumentStatistics s : statistics.instruments())
            {
                final TimeSeries series = s.series();
                for (int i = 0; i < series.buckets(); i++)
                {
                    out.println(s.instrument().symbol() + "," + JournalTime.format(series.endNanos(i)) + "," +
                        decimal(series.mid(i), s.instrument().priceScale() + 1) + "," +
                        decimal(series.spread(i), s.instrument().priceScale()) + "," + series.volume(i));
                }
            }
        });
    }

    /** The page: the statistics table, then per instrument that traded or quoted, mid, spread and volume over time. */
    public HtmlReport html(final String title, final Simulation.Result result, final String configuration)
    {
        final HtmlReport page = new HtmlReport(title)
            .paragraph("Input: " + result.source())
            .paragraph("Configuration: " + configuration)
            .paragraph("Run: " + result.throughput())
            .heading("Per instrument")
            .table(STATISTICS_HEADER, rows())
            .paragraph("Rejected cancel/replace requests (they name no instrument): " + statistics.requestRejects() +
                ". Fill ratio: quantity filled on both sides of every trade over quantity accepted. Spread and depth: " +
                "sampled after every command that touched the book.");
        for (final InstrumentStatistics s : statistics.instruments())
        {
            final TimeSeries series = s.series();
            if (series.buckets() == 0)
            {
                continue;
            }
            final int n = series.buckets();
            final double[] x = new double[n];
            final double[] mid = new double[n];
            final double[] spread = new double[n];
            final double[] volume = new double[n];
            for (int i = 0; i < n; i++)
            {
                x[i] = (series.endNanos(i) - series.originNanos()) / 1e9;
                mid[i] = series.mid(i);
                spread[i] = series.spread(i);
                volume[i] = series.volume(i);
            }
            final long origin = series.originNanos();
            final String timeLabel = String.format(Locale.ROOT, "time (UTC; buckets of %s)",
                JournalTime.formatDuration(series.widthNanos()));
            page.heading(s.instrument().symbol())
                .lineChart(chart(s.instrument().symbol() + " mid", timeLabel, "mid price", origin).series("mid", x, mid))
                .lineChart(chart(s.instrument().symbol() + " spread", timeLabel, "spread", origin).series("spread", x, spread))
                .lineChart(chart(s.instrument().symbol() + " traded volume", timeLabel, "volume per bucket", origin)
                    .series("volume", x, volume));
        }
        return page;
    }

    private static LineChart chart(final String title, final String xLabel, final String yLabel, final long originNanos)
    {
        return new LineChart(title).size(900, 300)
            .xAxis(xLabel, AxisScale.LINEAR)
            .yAxis(yLabel, AxisScale.LINEAR)
            .xTickFormat(seconds -> CLOCK.format(Instant.ofEpochSecond(0, originNanos + (long)(seconds * 1e9))));
    }

    private static String price(final InstrumentConfig instrument, final long price)
    {
        return price == OrderBook.NO_PRICE ? "" : instrument.formatPrice(price);
    }

    static String decimal(final double value, final int decimals)
    {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /**
     * Whether {@link #write} could write {@code file}, changing nothing: a tool checks before its long work, not
     * after it. An existing file must open for writing (it is not truncated here); a new one needs a directory that
     * takes files, or a nearest existing parent that does, since {@code write} creates the missing ones.
     *
     * @throws UncheckedIOException     naming the file and the operating system's reason.
     * @throws IllegalArgumentException when {@code file} is a directory.
     */
    public static void checkWritable(final Path file)
    {
        if (Files.isDirectory(file))
        {
            throw new IllegalArgumentException("cannot write " + file + ": it is a directory");
        }
        if (Files.exists(file))
        {
            try
            {
                Files.newByteChannel(file, StandardOpenOption.WRITE).close();
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(
                    "cannot write " + file + ": " + UnusableDirectoryException.reason(file, ex), ex);
            }
            return;
        }
        final Path parent = file.toAbsolutePath().getParent();
        UnusableDirectoryException.checkUsable("directory of " + file.getFileName(), parent);
    }

    /** Writes a UTF-8 text file, creating its directory; a failure names the operating system's reason. */
    public static Path write(final Path file, final Consumer<PrintWriter> content)
    {
        try
        {
            final Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8)))
            {
                content.accept(out);
            }
            return file;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(
                "cannot write " + file + ": " + UnusableDirectoryException.reason(file, ex), ex);
        }
    }
}
