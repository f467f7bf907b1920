package dev.tessera.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * A line chart drawn as inline SVG: one or more named series of (x, y) points, each axis linear
 * or log, axis labels, grid lines and a legend. Points that cannot be drawn (NaN, infinite, or not
 * positive on a log axis) break the line rather than bend it. A series with far more points than
 * the chart has pixel columns is thinned to the first, lowest, highest and last point of each
 * column, which looks the same and keeps the page small.
 *
 * <p>Latency by percentile, as HdrHistogram plots it: x is {@link #percentileX(double)} of each
 * percentile on a log axis with {@link #percentileTicks()}, y the latency:
 * <pre>{@code
 * new LineChart("Latency by percentile")
 *     .xAxis("percentile", AxisScale.LOG).percentileTicks()
 *     .yAxis("latency (µs)", AxisScale.LOG)
 *     .series("tessera 10k/s", xs, ys);
 * }</pre>
 */
public final class LineChart
{
    public static final int DEFAULT_WIDTH_PX = 900;
    public static final int DEFAULT_HEIGHT_PX = 420;

    private static final String[] PALETTE = {
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
        "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"
    };
    private static final int MARGIN_LEFT_PX = 78;
    private static final int MARGIN_TOP_PX = 34;
    private static final int MARGIN_BOTTOM_PX = 52;
    private static final int MARGIN_RIGHT_PX = 16;
    private static final int CHAR_WIDTH_PX = 7;
    private static final int LINEAR_TICKS = 6;

    private final String title;
    private final List<Series> series = new ArrayList<>();
    private final Axis x = new Axis();
    private final Axis y = new Axis();
    private int widthPx = DEFAULT_WIDTH_PX;
    private int heightPx = DEFAULT_HEIGHT_PX;

    public LineChart(final String title)
    {
        this.title = title;
    }

    /** Percentile (a fraction, 0.99 for the 99th) to its place on a "1/(1-p)" axis: 0 -> 1, 0.9 -> 10, 0.99 -> 100. */
    public static double percentileX(final double percentileFraction)
    {
        return 1.0 / (1.0 - percentileFraction);
    }

    public LineChart size(final int widthPx, final int heightPx)
    {
        if (widthPx < 200 || heightPx < 120)
        {
            throw new IllegalArgumentException("chart too small: " + widthPx + "x" + heightPx);
        }
        this.widthPx = widthPx;
        this.heightPx = heightPx;
        return this;
    }

    public LineChart xAxis(final String label, final AxisScale scale)
    {
        x.label = label;
        x.scale = scale;
        return this;
    }

    public LineChart yAxis(final String label, final AxisScale scale)
    {
        y.label = label;
        y.scale = scale;
        return this;
    }

    /** How automatic x tick values are written (e.g. seconds after midnight as a time of day). */
    public LineChart xTickFormat(final DoubleFunction<String> format)
    {
        x.format = format;
        return this;
    }

    public LineChart yTickFormat(final DoubleFunction<String> format)
    {
        y.format = format;
        return this;
    }

    /** An explicit x tick; once any is given, automatic x ticks are not drawn. Ticks outside the range are left out. */
    public LineChart xTick(final double value, final String label)
    {
        x.ticks.add(new Tick(value, label));
        return this;
    }

    public LineChart yTick(final double value, final String label)
    {
        y.ticks.add(new Tick(value, label));
        return this;
    }

    /** Fixes the x range instead of fitting it to the data. */
    public LineChart xRange(final double min, final double max)
    {
        x.fixedMin = min;
        x.fixedMax = max;
        return this;
    }

    public LineChart yRange(final double min, final double max)
    {
        y.fixedMin = min;
        y.fixedMax = max;
        return this;
    }

    /** x ticks at 0%, 90%, 99%, 99.9% ... 99.9999% for x values made with {@link #percentileX(double)}. */
    public LineChart percentileTicks()
    {
        xTick(1, "0%");
        String nines = "90";
        for (int decade = 1; decade <= 6; decade++)
        {
            xTick(Math.pow(10, decade), nines + "%");
            nines = decade == 1 ? "99" : nines + (decade == 2 ? ".9" : "9");
        }
        return this;
    }

    /** Adds a series; {@code xs} and {@code ys} must have the same length (they are copied). */
    public LineChart series(final String name, final double[] xs, final double[] ys)
    {
        if (xs.length != ys.length)
        {
            throw new IllegalArgumentException(name + ": " + xs.length + " x values but " + ys.length + " y values");
        }
        series.add(new Series(name, xs.clone(), ys.clone(), PALETTE[series.size() % PALETTE.length]));
        return this;
    }

    public String title()
    {
        return title;
    }

    /** The chart as an {@code <svg>} element. */
    public String svg()
    {
        final int legendWidthPx = legendWidthPx();
        final int plotLeft = MARGIN_LEFT_PX;
        final int plotTop = MARGIN_TOP_PX;
        final int plotWidth = widthPx - MARGIN_LEFT_PX - MARGIN_RIGHT_PX - legendWidthPx;
        final int plotHeight = heightPx - MARGIN_TOP_PX - MARGIN_BOTTOM_PX;
        x.fit(series, true);
        y.fit(series, false);

        final StringBuilder svg = new StringBuilder(8192);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(widthPx).append("\" height=\"")
            .append(heightPx).append("\" viewBox=\"0 0 ").append(widthPx).append(' ').append(heightPx)
            .append("\" role=\"img\" font-family=\"sans-serif\" font-size=\"12\">\n<title>")
            .append(Html.escape(title)).append("</title>\n");
        svg.append("<text x=\"").append(widthPx / 2).append("\" y=\"20\" text-anchor=\"middle\" font-size=\"15\">")
            .append(Html.escape(title)).append("</text>\n");

        for (final Tick tick : x.ticksToDraw())
        {
            final double px = plotLeft + x.position(tick.value) * plotWidth;
            svg.append(line(px, plotTop, px, plotTop + plotHeight, "#e4e4e4"));
            svg.append(text(px, plotTop + plotHeight + 16, "middle", tick.label));
        }
        for (final Tick tick : y.ticksToDraw())
        {
            final double py = plotTop + plotHeight - y.position(tick.value) * plotHeight;
            svg.append(line(plotLeft, py, plotLeft + plotWidth, py, "#e4e4e4"));
            svg.append(text(plotLeft - 6, py + 4, "end", tick.label));
        }
        svg.append("<rect x=\"").append(plotLeft).append("\" y=\"").append(plotTop).append("\" width=\"")
            .append(plotWidth).append("\" height=\"").append(plotHeight).append("\" fill=\"none\" stroke=\"#888\"/>\n");
        if (!x.label.isEmpty())
        {
            svg.append(text(plotLeft + plotWidth / 2.0, heightPx - 10, "middle", x.label));
        }
        if (!y.label.isEmpty())
        {
            final double cy = plotTop + plotHeight / 2.0;
            svg.append("<text x=\"16\" y=\"").append(coordinate(cy)).append("\" text-anchor=\"middle\" transform=\"rotate(-90 16 ")
                .append(coordinate(cy)).append(")\">").append(Html.escape(y.label)).append("</text>\n");
        }

        for (final Series s : series)
        {
            svg.append(path(s, plotLeft, plotTop, plotWidth, plotHeight));
        }
        legend(svg, plotLeft + plotWidth + 12, plotTop);
        svg.append("</svg>\n");
        return svg.toString();
    }

    private String path(final Series s, final int plotLeft, final int plotTop, final int plotWidth, final int plotHeight)
    {
        final StringBuilder d = new StringBuilder(64 + s.xs.length * 12);
        boolean penDown = false;
        int drawn = 0;
        double lastX = 0;
        double lastY = 0;
        for (final int i : s.visiblePoints(x, plotWidth))
        {
            if (!x.drawable(s.xs[i]) || !y.drawable(s.ys[i]))
            {
                penDown = false;
                continue;
            }
            lastX = plotLeft + x.position(s.xs[i]) * plotWidth;
            lastY = plotTop + plotHeight - y.position(s.ys[i]) * plotHeight;
            d.append(penDown ? " L" : " M").append(coordinate(lastX)).append(' ').append(coordinate(lastY));
            penDown = true;
            drawn++;
        }
        if (drawn == 0)
        {
            return "";
        }
        final String tooltip = "<title>" + Html.escape(s.name) + "</title>";
        if (drawn == 1)
        {
            return "<circle cx=\"" + coordinate(lastX) + "\" cy=\"" + coordinate(lastY) + "\" r=\"3\" fill=\"" + s.color +
                "\">" + tooltip + "</circle>\n";
        }
        return "<path d=\"" + d.substring(1) + "\" fill=\"none\" stroke=\"" + s.color +
            "\" stroke-width=\"1.6\" stroke-linejoin=\"round\">" + tooltip + "</path>\n";
    }

    private int legendWidthPx()
    {
        if (series.isEmpty())
        {
            return 0;
        }
        int longest = 0;
        for (final Series s : series)
        {
            longest = Math.max(longest, s.name.length());
        }
        return Math.min(260, 40 + longest * CHAR_WIDTH_PX);
    }

    private void legend(final StringBuilder svg, final int left, final int top)
    {
        int row = 0;
        for (final Series s : series)
        {
            final int cy = top + 8 + row * 18;
            svg.append(line(left, cy, left + 20, cy, s.color).replace("stroke-width=\"1\"", "stroke-width=\"3\""));
            svg.append(text(left + 26, cy + 4, "start", s.name));
            row++;
        }
    }

    private static String line(final double x1, final double y1, final double x2, final double y2, final String color)
    {
        return "<line x1=\"" + coordinate(x1) + "\" y1=\"" + coordinate(y1) + "\" x2=\"" + coordinate(x2) + "\" y2=\"" +
            coordinate(y2) + "\" stroke=\"" + color + "\" stroke-width=\"1\"/>\n";
    }

    private static String text(final double x, final double y, final String anchor, final String content)
    {
        return "<text x=\"" + coordinate(x) + "\" y=\"" + coordinate(y) + "\" text-anchor=\"" + anchor + "\">" +
            Html.escape(content) + "</text>\n";
    }

    private static String coordinate(final double value)
    {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** Compact tick text: 0.001, 2.5, 40, 1,500, 2.5M, 3G. */
    static String compact(final double value)
    {
        final double magnitude = Math.abs(value);
        if (magnitude >= 1e9)
        {
            return plain(value / 1e9, 3) + "G";
        }
        if (magnitude >= 1e6)
        {
            return plain(value / 1e6, 3) + "M";
        }
        if (magnitude >= 1e4)
        {
            return plain(value / 1e3, 3) + "k";
        }
        return plain(value, 6);
    }

    private static String plain(final double value, final int significantDigits)
    {
        if (value == 0)
        {
            return "0";
        }
        return new BigDecimal(value).round(new MathContext(significantDigits)).stripTrailingZeros().toPlainString();
    }

    private record Tick(double value, String label)
    {
    }

    private record Series(String name, double[] xs, double[] ys, String color)
    {
        /** Indexes of the points to draw: all, or per pixel column the first, lowest, highest and last when x ascends. */
        int[] visiblePoints(final Axis xAxis, final int plotWidth)
        {
            final int n = xs.length;
            if (n <= 4 * plotWidth || !ascending())
            {
                final int[] all = new int[n];
                for (int i = 0; i < n; i++)
                {
                    all[i] = i;
                }
                return all;
            }
            final int[] kept = new int[n];
            int count = 0;
            int i = 0;
            while (i < n)
            {
                final long column = Math.round(xAxis.position(xs[i]) * plotWidth);
                int end = i;
                int lowest = i;
                int highest = i;
                while (end + 1 < n && Math.round(xAxis.position(xs[end + 1]) * plotWidth) == column)
                {
                    end++;
                    lowest = ys[end] < ys[lowest] ? end : lowest;
                    highest = ys[end] > ys[highest] ? end : highest;
                }
                final int[] picks = {i, Math.min(lowest, highest), Math.max(lowest, highest), end};
                for (final int pick : picks)
                {
                    if (count == 0 || kept[count - 1] < pick)
                    {
                        kept[count++] = pick;
                    }
                }
                i = end + 1;
            }
            return Arrays.copyOf(kept, count);
        }

        private boolean ascending()
        {
            for (int i = 1; i < xs.length; i++)
            {
                if (xs[i] < xs[i - 1])
                {
                    return false;
                }
            }
            return true;
        }
    }

    private static final class Axis
    {
        private String label = "";
        private AxisScale scale = AxisScale.LINEAR;
        private DoubleFunction<String> format;
        private final List<Tick> ticks = new ArrayList<>();
        private double fixedMin = Double.NaN;
        private double fixedMax = Double.NaN;
        private double min;
        private double max;
        private double step;

        boolean drawable(final double value)
        {
            return Double.isFinite(value) && (scale == AxisScale.LINEAR || value > 0);
        }

        /** 0 at the low end of the axis, 1 at the high end. */
        double position(final double value)
        {
            if (scale == AxisScale.LOG)
            {
                return (Math.log10(value) - Math.log10(min)) / (Math.log10(max) - Math.log10(min));
            }
            return (value - min) / (max - min);
        }

        void fit(final List<Series> series, final boolean isX)
        {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (final Series s : series)
            {
                final double[] values = isX ? s.xs : s.ys;
                final double[] others = isX ? s.ys : s.xs;
                for (int i = 0; i < values.length; i++)
                {
                    if (drawable(values[i]) && Double.isFinite(others[i]))
                    {
                        lo = Math.min(lo, values[i]);
                        hi = Math.max(hi, values[i]);
                    }
                }
            }
            if (!Double.isNaN(fixedMin) && !Double.isNaN(fixedMax))
            {
                lo = fixedMin;
                hi = fixedMax;
            }
            else if (lo > hi)
            {
                lo = 1;
                hi = 10;
            }
            if (scale == AxisScale.LOG)
            {
                // a tolerance, so that 1/(1-0.9999) = 10000.000000000827 does not open another decade
                min = Math.pow(10, Math.floor(Math.log10(lo) + 1e-9));
                max = Math.pow(10, Math.ceil(Math.log10(hi) - 1e-9));
                if (max <= min)
                {
                    max = min * 10;
                }
                return;
            }
            if (hi <= lo)
            {
                final double pad = lo == 0 ? 1 : Math.abs(lo) * 0.01;
                lo -= pad;
                hi += pad;
            }
            step = niceStep((hi - lo) / LINEAR_TICKS);
            final boolean fixed = !Double.isNaN(fixedMin);
            min = fixed ? lo : Math.floor(lo / step) * step;
            max = fixed ? hi : Math.ceil(hi / step) * step;
        }

        List<Tick> ticksToDraw()
        {
            final List<Tick> drawn = new ArrayList<>();
            if (!ticks.isEmpty())
            {
                for (final Tick tick : ticks)
                {
                    if (drawable(tick.value) && tick.value >= min * (1 - 1e-9) && tick.value <= max * (1 + 1e-9))
                    {
                        drawn.add(tick);
                    }
                }
                return drawn;
            }
            if (scale == AxisScale.LOG)
            {
                final int decades = (int)Math.round(Math.log10(max / min));
                for (double decade = min; decade <= max * 1.000001; decade *= 10)
                {
                    drawn.add(new Tick(decade, label(decade)));
                    if (decades <= 2 && decade < max / 1.000001)
                    {
                        drawn.add(new Tick(decade * 2, label(decade * 2)));
                        drawn.add(new Tick(decade * 5, label(decade * 5)));
                    }
                }
                return drawn;
            }
            final long first = Math.round(min / step);
            final long last = Math.round(max / step);
            for (long k = first; k <= last; k++)
            {
                final double value = k * step;
                drawn.add(new Tick(value, label(value)));
            }
            return drawn;
        }

        private String label(final double value)
        {
            return format != null ? format.apply(value) : compact(Math.abs(value) < step * 1e-9 ? 0 : value);
        }

        private static double niceStep(final double rough)
        {
            final double power = Math.pow(10, Math.floor(Math.log10(rough)));
            final double fraction = rough / power;
            final double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
            return nice * power;
        }
    }
}
