package dev.tessera.journal.tools;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar on stderr for long scans: percent of the records, count and rate,
 * redrawn in place with a carriage return. Short runs stay quiet: it appears only for scans of
 * {@value #LARGE_RUN_RECORDS} records or more, or once a scan has taken {@link #QUIET_NANOS}, and
 * only when asked ({@code --progress}) or when the console is a terminal, so that redirected
 * output and logs never fill with redraws. Asked for explicitly, it always shows.
 */
public final class ProgressBar
{
    /** Scans this long draw from the start. */
    public static final long LARGE_RUN_RECORDS = 100_000;
    /** Other scans draw once they have run this long. */
    public static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** A bar that never draws. */
    public static final ProgressBar NONE = new ProgressBar(null, "", 0, false, false, System::nanoTime);

    private static final long REDRAW_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final int CHECK_CLOCK_EVERY = 1024;
    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final String label;
    private final long total;
    private final boolean enabled;
    private final boolean forced;
    private final LongSupplier nanoClock;
    private final long startNanos;
    private long lastDrawNanos;
    private int sinceClockCheck;
    private boolean shown;
    private int lastLineLength;

    ProgressBar(
        final PrintWriter err,
        final String label,
        final long total,
        final boolean enabled,
        final boolean forced,
        final LongSupplier nanoClock)
    {
        this.err = err;
        this.label = label;
        this.total = total;
        this.enabled = enabled;
        this.forced = forced;
        this.nanoClock = nanoClock;
        this.startNanos = enabled ? nanoClock.getAsLong() : 0;
        this.lastDrawNanos = startNanos - REDRAW_NANOS;
    }

    /**
     * @param err    where the bar is drawn (stderr).
     * @param label  what is being done, e.g. "verify".
     * @param total  records expected (the journal's record count); 0 when unknown.
     * @param forced {@code --progress}: draw even when the console is not a terminal, however short the run.
     */
    public static ProgressBar create(final PrintWriter err, final String label, final long total, final boolean forced)
    {
        final boolean terminal = System.console() != null;
        return new ProgressBar(err, label, total, forced || terminal, forced, System::nanoTime);
    }

    /** Records done so far; cheap enough to call per record. */
    public void update(final long done)
    {
        if (!enabled || ++sinceClockCheck < CHECK_CLOCK_EVERY)
        {
            return;
        }
        sinceClockCheck = 0;
        final long now = nanoClock.getAsLong();
        if (now - lastDrawNanos >= REDRAW_NANOS && (shown || shouldShow(now)))
        {
            draw(done, now);
        }
    }

    /** Ends the bar: draws the final count and a newline, if the bar was shown or asked for. */
    public void finish(final long done)
    {
        if (!enabled)
        {
            return;
        }
        final long now = nanoClock.getAsLong();
        if (shown || shouldShow(now))
        {
            draw(done, now);
            err.println();
            err.flush();
        }
    }

    private boolean shouldShow(final long now)
    {
        return forced || total >= LARGE_RUN_RECORDS || now - startNanos >= QUIET_NANOS;
    }

    private void draw(final long done, final long now)
    {
        shown = true;
        lastDrawNanos = now;
        final StringBuilder line = new StringBuilder(96).append('\r').append(label).append(" [");
        final double fraction = total > 0 ? Math.min(1.0, (double)done / total) : 0.0;
        final int filled = (int)(fraction * WIDTH);
        for (int i = 0; i < WIDTH; i++)
        {
            line.append(i < filled ? '#' : '-');
        }
        final double seconds = (now - startNanos) / 1e9;
        line.append("] ");
        if (total > 0)
        {
            line.append(String.format(Locale.ROOT, "%3d%%  %,d/%,d records", (int)(fraction * 100), done, total));
        }
        else
        {
            line.append(String.format(Locale.ROOT, "%,d records", done));
        }
        line.append(String.format(Locale.ROOT, "  %,.0f records/s", seconds > 0 ? done / seconds : 0.0));
        final int length = line.length();
        for (int i = length; i < lastLineLength; i++)
        {
            line.append(' ');
        }
        lastLineLength = length;
        err.print(line);
        err.flush();
    }
}
