package dev.tessera.report;

import java.io.PrintWriter;
import java.util.List;

/**
 * A table for the console: columns as wide as their widest cell, two spaces apart; a column with
 * numbers in it is right-aligned (its header too) so that digits line up, text is left-aligned.
 */
public final class TextTable
{
    private static final String GAP = "  ";

    private TextTable()
    {
    }

    public static void print(final PrintWriter out, final List<String> headers, final List<? extends List<String>> rows)
    {
        final int[] widths = new int[headers.size()];
        final boolean[] right = new boolean[headers.size()];
        for (int c = 0; c < widths.length; c++)
        {
            widths[c] = headers.get(c).length();
        }
        for (final List<String> row : rows)
        {
            for (int c = 0; c < widths.length && c < row.size(); c++)
            {
                widths[c] = Math.max(widths[c], row.get(c).length());
                right[c] |= numeric(row.get(c));
            }
        }
        printRow(out, headers, widths, right);
        for (final List<String> row : rows)
        {
            printRow(out, row, widths, right);
        }
    }

    private static void printRow(final PrintWriter out, final List<String> cells, final int[] widths, final boolean[] right)
    {
        final StringBuilder line = new StringBuilder();
        for (int c = 0; c < widths.length; c++)
        {
            final String cell = c < cells.size() ? cells.get(c) : "";
            final String padding = " ".repeat(widths[c] - cell.length());
            if (c > 0)
            {
                line.append(GAP);
            }
            line.append(right[c] ? padding + cell : cell + padding);
        }
        out.println(line.toString().stripTrailing());
    }

    /** Digits with an optional sign, decimal point, grouping commas or percent sign. */
    static boolean numeric(final String cell)
    {
        if (cell.isEmpty())
        {
            return false;
        }
        boolean digit = false;
        for (int i = 0; i < cell.length(); i++)
        {
            final char ch = cell.charAt(i);
            if (ch >= '0' && ch <= '9')
            {
                digit = true;
            }
            else if (!(ch == '.' || ch == ',' || ch == '%' || ch == '-' && i == 0))
            {
                return false;
            }
        }
        return digit;
    }
}
