package dev.tessera.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlReportTest
{
    @TempDir
    Path dir;

    @Test
    void shouldWriteASelfContainedPageWithItsPartsInOrder() throws IOException
    {
        final Path file = new HtmlReport("Replay <AAPL>")
            .heading("Summary")
            .paragraph("999 messages & 1 halt")
            .table(List.of("instrument", "trades"), List.of(List.of("AAPL", "42"), List.of("AMZN")))
            .lineChart(new LineChart("Mid").series("AAPL", new double[] {1, 2}, new double[] {3, 4}))
            .preformatted("a  b")
            .writeTo(dir.resolve("sub/report.html"));

        final String html = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(html).startsWith("<!DOCTYPE html>")
            .contains("<title>Replay &lt;AAPL&gt;</title>", "<h1>Replay &lt;AAPL&gt;</h1>")
            .contains("<p>999 messages &amp; 1 halt</p>")
            .contains("<tr><th>instrument</th><th>trades</th></tr>")
            .contains("<tr><td>AAPL</td><td>42</td></tr>", "<tr><td>AMZN</td><td></td></tr>")
            .contains("<pre>a  b</pre>")
            .endsWith("</html>\n");
        assertThat(html.indexOf("<h2>Summary")).isLessThan(html.indexOf("<table>"));
        assertThat(html.indexOf("<table>")).isLessThan(html.indexOf("<svg"));
        assertThat(html).as("nothing loaded from elsewhere").doesNotContain("<script", "src=", "<link", "https://");
    }

    @Test
    void shouldOnlyReferenceTheSvgNamespace()
    {
        final String html = new HtmlReport("t").lineChart(new LineChart("c")).html();

        assertThat(html.replace("http://www.w3.org/2000/svg", "")).doesNotContain("http");
    }
}
