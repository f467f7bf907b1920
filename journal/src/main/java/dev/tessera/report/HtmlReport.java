package dev.tessera.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A self-contained HTML page: headings, paragraphs, tables and inline SVG line charts, with the
 * style sheet inline. No script, no external file, no network: the page can be mailed or archived
 * next to the results it shows and still open years later. Parts appear in the order they are added.
 *
 * <pre>{@code
 * new HtmlReport("Replay of AAPL")
 *     .paragraph("999 messages, 2012-06-21")
 *     .table(List.of("instrument", "trades"), List.of(List.of("AAPL", "42")))
 *     .lineChart(new LineChart("Mid").series("AAPL", xs, ys))
 *     .writeTo(Path.of("report.html"));
 * }</pre>
 */
public final class HtmlReport
{
    private static final String STYLE = """
        body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2em; color: #222; max-width: 1100px; }
        h1 { font-size: 1.6em; } h2 { font-size: 1.25em; margin-top: 1.6em; }
        table { border-collapse: collapse; margin: 0.8em 0; font-size: 0.9em; }
        th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; }
        th { background: #f2f2f2; text-align: left; }
        td { text-align: right; font-variant-numeric: tabular-nums; }
        td:first-child { text-align: left; }
        pre { background: #f7f7f7; padding: 0.6em; overflow-x: auto; }
        figure { margin: 1em 0; }
        """;

    private final String title;
    private final StringBuilder body = new StringBuilder(4096);

    /** @param title the page title, also its first heading. */
    public HtmlReport(final String title)
    {
        this.title = title;
        body.append("<h1>").append(Html.escape(title)).append("</h1>\n");
    }

    public String title()
    {
        return title;
    }

    /** A section heading. */
    public HtmlReport heading(final String text)
    {
        body.append("<h2>").append(Html.escape(text)).append("</h2>\n");
        return this;
    }

    /** A paragraph of plain text (escaped). */
    public HtmlReport paragraph(final String text)
    {
        body.append("<p>").append(Html.escape(text)).append("</p>\n");
        return this;
    }

    /** Text shown as it is, in a fixed-width font (a command line, a histogram dump). */
    public HtmlReport preformatted(final String text)
    {
        body.append("<pre>").append(Html.escape(text)).append("</pre>\n");
        return this;
    }

    /** A table; a row shorter than the headers is padded with empty cells. */
    public HtmlReport table(final List<String> headers, final List<? extends List<String>> rows)
    {
        body.append("<table>\n<tr>");
        for (final String header : headers)
        {
            body.append("<th>").append(Html.escape(header)).append("</th>");
        }
        body.append("</tr>\n");
        for (final List<String> row : rows)
        {
            body.append("<tr>");
            for (int i = 0; i < Math.max(headers.size(), row.size()); i++)
            {
                body.append("<td>").append(i < row.size() ? Html.escape(row.get(i)) : "").append("</td>");
            }
            body.append("</tr>\n");
        }
        body.append("</table>\n");
        return this;
    }

    /** A chart drawn now: later changes to {@code chart} do not show. */
    public HtmlReport lineChart(final LineChart chart)
    {
        body.append("<figure>\n").append(chart.svg()).append("</figure>\n");
        return this;
    }

    /** The whole page. */
    public String html()
    {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + Html.escape(title) +
            "</title>\n<style>\n" + STYLE + "</style>\n</head>\n<body>\n" + body + "</body>\n</html>\n";
    }

    /** Writes the page (UTF-8), replacing the file; returns it. */
    public Path writeTo(final Path file) throws IOException
    {
        final Path parent = file.toAbsolutePath().getParent();
        if (parent != null)
        {
            Files.createDirectories(parent);
        }
        Files.writeString(file, html(), StandardCharsets.UTF_8);
        return file;
    }
}
