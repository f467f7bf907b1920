package dev.tessera.report;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LineChartTest
{
    private static final Pattern PATH = Pattern.compile("<path d=\"([^\"]+)\"");
    private static final Pattern TICK_TEXT = Pattern.compile("text-anchor=\"middle\">([^<]+)</text>");

    @Test
    void shouldDrawEverySeriesWithItsOwnColourAndLegendEntry()
    {
        final String svg = new LineChart("Mid & spread")
            .xAxis("time", AxisScale.LINEAR)
            .yAxis("price", AxisScale.LINEAR)
            .series("AAPL <mid>", new double[] {0, 1, 2}, new double[] {10, 11, 12})
            .series("AMZN", new double[] {0, 1, 2}, new double[] {5, 4, 3})
            .svg();

        assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"")
            .contains("<title>Mid &amp; spread</title>")
            .contains(">AAPL &lt;mid&gt;</text>", ">AMZN</text>", ">time</text>", ">price</text>")
            .contains("stroke=\"#1f77b4\"", "stroke=\"#ff7f0e\"")
            .doesNotContain("<script");
        assertThat(paths(svg)).hasSize(2);
    }

    @Test
    void shouldPlaceLinearPointsProportionallyInsideThePlot()
    {
        final String svg = new LineChart("line").size(400, 300)
            .series("s", new double[] {0, 5, 10}, new double[] {0, 5, 10})
            .svg();

        final List<double[]> points = points(paths(svg).get(0));
        assertThat(points).hasSize(3);
        // the middle point is halfway between the first and the last in both directions
        assertThat(points.get(1)[0]).isCloseTo((points.get(0)[0] + points.get(2)[0]) / 2, within(0.11));
        assertThat(points.get(1)[1]).isCloseTo((points.get(0)[1] + points.get(2)[1]) / 2, within(0.11));
        assertThat(points.get(2)[1]).as("larger y is higher up").isLessThan(points.get(0)[1]);
    }

    @Test
    void shouldSpaceDecadesEquallyOnALogAxis()
    {
        final String svg = new LineChart("log").xAxis("p", AxisScale.LOG).yAxis("latency", AxisScale.LOG)
            .series("s", new double[] {1, 10, 100, 1000}, new double[] {1, 10, 100, 1000})
            .svg();

        final List<double[]> points = points(paths(svg).get(0));
        final double step = points.get(1)[0] - points.get(0)[0];
        assertThat(points.get(2)[0] - points.get(1)[0]).isCloseTo(step, within(0.2));
        assertThat(points.get(3)[0] - points.get(2)[0]).isCloseTo(step, within(0.2));
    }

    @Test
    void shouldLabelAPercentileAxisLikeHdrHistogramPlots()
    {
        final double[] xs = {LineChart.percentileX(0), LineChart.percentileX(0.9), LineChart.percentileX(0.99),
            LineChart.percentileX(0.999)};
        final String svg = new LineChart("latency").xAxis("percentile", AxisScale.LOG).percentileTicks()
            .yAxis("µs", AxisScale.LOG)
            .series("10k/s", xs, new double[] {3, 5, 40, 900})
            .svg();

        assertThat(xs[2]).isCloseTo(100, within(1e-9));
        assertThat(tickTexts(svg)).containsSubsequence("0%", "90%", "99%", "99.9%").doesNotContain("99.99%");
    }

    @Test
    void shouldBreakTheLineAtPointsThatCannotBeDrawn()
    {
        final String svg = new LineChart("gaps").yAxis("y", AxisScale.LOG)
            .series("s", new double[] {0, 1, 2, 3, 4}, new double[] {1, 2, 0, 4, Double.NaN})
            .svg();

        final String d = paths(svg).get(0);
        assertThat(d.split("M")).as("two pieces: 0-1 and 3").hasSize(3);
        assertThat(points(d)).hasSize(3);
    }

    @Test
    void shouldThinAVeryLongSeriesButKeepItsExtremes()
    {
        final int n = 100_000;
        final double[] xs = new double[n];
        final double[] ys = new double[n];
        for (int i = 0; i < n; i++)
        {
            xs[i] = i;
            ys[i] = i == 50_000 ? 1_000 : i % 7;
        }
        final String svg = new LineChart("long").series("s", xs, ys).svg();

        final List<double[]> points = points(paths(svg).get(0));
        assertThat(points.size()).isLessThan(4 * LineChart.DEFAULT_WIDTH_PX).isGreaterThan(LineChart.DEFAULT_WIDTH_PX);
        final double top = points.stream().mapToDouble(p -> p[1]).min().orElseThrow();
        assertThat(svg).as("the spike's height survives").contains(String.format(java.util.Locale.ROOT, "%.1f", top));
        assertThat(top).isLessThan(points.get(0)[1] - 200);
    }

    @Test
    void shouldUseTheGivenTickFormat()
    {
        final String svg = new LineChart("time").xTickFormat(v -> "t" + (long)v)
            .series("s", new double[] {0, 60}, new double[] {1, 2})
            .svg();

        assertThat(tickTexts(svg)).contains("t0", "t60");
    }

    @Test
    void shouldWriteCompactTickNumbers()
    {
        assertThat(LineChart.compact(0.001)).isEqualTo("0.001");
        assertThat(LineChart.compact(2.5)).isEqualTo("2.5");
        assertThat(LineChart.compact(1500)).isEqualTo("1500");
        assertThat(LineChart.compact(25_000)).isEqualTo("25k");
        assertThat(LineChart.compact(2_500_000)).isEqualTo("2.5M");
        assertThat(LineChart.compact(3e9)).isEqualTo("3G");
    }

    @Test
    void shouldRefuseSeriesOfUnequalLength()
    {
        assertThatThrownBy(() -> new LineChart("bad").series("s", new double[2], new double[3]))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 x values but 3 y values");
    }

    @Test
    void shouldDrawAnEmptyChartWithoutFailing()
    {
        assertThat(new LineChart("empty").xAxis("x", AxisScale.LOG).svg()).contains("<rect").doesNotContain("<path");
    }

    private static List<String> paths(final String svg)
    {
        final List<String> paths = new ArrayList<>();
        final Matcher matcher = PATH.matcher(svg);
        while (matcher.find())
        {
            paths.add(matcher.group(1));
        }
        return paths;
    }

    private static List<String> tickTexts(final String svg)
    {
        final List<String> texts = new ArrayList<>();
        final Matcher matcher = TICK_TEXT.matcher(svg);
        while (matcher.find())
        {
            texts.add(matcher.group(1));
        }
        return texts;
    }

    private static List<double[]> points(final String d)
    {
        final List<double[]> points = new ArrayList<>();
        final String[] tokens = d.replace("M", " ").replace("L", " ").trim().split("\\s+");
        for (int i = 0; i + 1 < tokens.length; i += 2)
        {
            points.add(new double[] {Double.parseDouble(tokens[i]), Double.parseDouble(tokens[i + 1])});
        }
        return points;
    }
}
