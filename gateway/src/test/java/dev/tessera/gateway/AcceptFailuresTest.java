package dev.tessera.gateway;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * QA 125 F5 (a): with file descriptors used up, each selector pass found the pending connection again, failed to
 * accept it and logged a line: 16.7 million lines in a minute, and the gateway thread spun. A failed accept now
 * takes the key's interest away for a back-off, given back in the duty cycle, and its lines are bounded as the
 * gateway's other repeated lines are, the summary saying how many failed since the last line.
 */
class AcceptFailuresTest
{
    /** Any start: System.nanoTime() may be negative. */
    private static final long T0 = -5_000_000_000L;
    private static final long BACK_OFF = AcceptFailures.BACK_OFF_NS;

    private final List<String> lines = new ArrayList<>();
    private final AcceptFailures failures = new AcceptFailures(lines::add);
    private Selector selector;
    private Pipe pipe;

    @AfterEach
    void close() throws IOException
    {
        if (pipe != null)
        {
            pipe.source().close();
            pipe.sink().close();
        }
        if (selector != null)
        {
            selector.close();
        }
    }

    @Test
    void shouldStopSelectingTheKeyForTheBackOffThenSelectItAgain() throws IOException
    {
        final SelectionKey key = key();
        failures.failed(key, new IOException("Too many open files"), T0);
        assertThat(key.interestOps()).as("not selected while backing off").isZero();
        assertThat(failures.resume(T0 + BACK_OFF - 1)).isZero();
        assertThat(key.interestOps()).isZero();
        assertThat(failures.resume(T0 + BACK_OFF)).isOne();
        assertThat(key.interestOps()).isEqualTo(SelectionKey.OP_READ);
        assertThat(failures.resume(T0 + 2 * BACK_OFF)).as("given back once").isZero();
        assertThat(lines).containsExactly("gateway: accept failed: Too many open files; accepting again in " +
            TimeUnit.NANOSECONDS.toMillis(BACK_OFF) + " ms");
    }

    @Test
    void shouldLogTheFirstFailuresThenSayHowManyFailedAtMostOnceASecond() throws IOException
    {
        final SelectionKey key = key();
        long now = T0;
        // A minute of failures, one each back-off: the pass that spun made millions.
        final int tries = (int)(TimeUnit.MINUTES.toNanos(1) / BACK_OFF);
        for (int i = 0; i < tries; i++)
        {
            failures.failed(key, new IOException("Too many open files"), now);
            now += BACK_OFF;
            failures.onTimer(now);
            assertThat(failures.resume(now)).isOne();
        }
        failures.onTimer(now + LogLimit.INTERVAL_NS); // the count since the last line
        assertThat(lines.subList(0, LogLimit.BURST_LINES)).allMatch(line -> line.startsWith("gateway: accept failed:"));
        assertThat(lines.size()).as("10 lines, then one a second").isBetween(LogLimit.BURST_LINES + 55, LogLimit.BURST_LINES + 62);
        assertThat(lines.get(LogLimit.BURST_LINES)).matches("gateway: \\d+ more accept\\(s\\) failed \\(the last: Too many " +
            "open files\\), not logged one by one \\(at most 10 lines, then one a second; accepting again " +
            "\\d+ ms after each\\)");
        long told = LogLimit.BURST_LINES;
        for (final String line : lines.subList(LogLimit.BURST_LINES, lines.size()))
        {
            told += Long.parseLong(line.split(" ")[1]);
        }
        assertThat(told).as("every failure logged or counted").isEqualTo(tries);
    }

    @Test
    void shouldLeaveAKeyCancelledMeanwhileAlone() throws IOException
    {
        final SelectionKey key = key();
        failures.failed(key, new IOException("Too many open files"), T0);
        key.cancel(); // the shutdown closes the server socket
        assertThat(failures.resume(T0 + BACK_OFF)).isZero();
        assertThat(key.isValid()).isFalse();
    }

    /** A key selected for its reads, as the server's for its accepts: a pipe needs no port. */
    private SelectionKey key() throws IOException
    {
        selector = Selector.open();
        pipe = Pipe.open();
        pipe.source().configureBlocking(false);
        return pipe.source().register(selector, SelectionKey.OP_READ);
    }
}
