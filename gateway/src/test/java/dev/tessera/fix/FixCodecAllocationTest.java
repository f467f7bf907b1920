package dev.tessera.fix;

import org.agrona.AsciiSequenceView;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The codec's promise that steady-state encoding, framing and decoding allocate nothing, checked with
 * the thread's allocation counter: a client's NewOrderSingle is encoded, framed, decoded and validated,
 * and an ExecutionReport echoing it is encoded, framed and decoded, over and over with changing values;
 * after a warm-up (JIT settled), a measured run of the same loop.
 */
class FixCodecAllocationTest
{
    private static final int WARM_UP_ITERATIONS = 50_000;
    private static final int MEASURED_ITERATIONS = 200_000;
    private static final long ALLOWED_BYTES = 1024;
    private static final long START_NANOS = 1_778_416_496_789_000_000L;
    private static final int[] REQUIRED = {Tags.CL_ORD_ID, Tags.SYMBOL, Tags.SIDE, Tags.TRANSACT_TIME, Tags.ORDER_QTY,
        Tags.ORD_TYPE};
    private static final int[] NO_GROUPS = {};

    private final UnsafeBuffer orderBuffer = new UnsafeBuffer(new byte[1024]);
    private final UnsafeBuffer reportBuffer = new UnsafeBuffer(new byte[1024]);
    private final FixEncoder encoder = new FixEncoder();
    private final FixFraming framing = new FixFraming(4096);
    private final FixMessage order = new FixMessage();
    private final FixMessage report = new FixMessage();
    private final AsciiSequenceView clOrdId = new AsciiSequenceView();
    private final AsciiSequenceView symbol = new AsciiSequenceView();

    @Test
    void shouldNotAllocateWhenEncodingFramingAndDecodingInSteadyState()
    {
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long warmUp = run(0, WARM_UP_ITERATIONS);

        // The counter allocates nothing itself, but call it once so that its first call cannot count.
        threads.getCurrentThreadAllocatedBytes();
        final long before = threads.getCurrentThreadAllocatedBytes();
        final long measured = run(WARM_UP_ITERATIONS, MEASURED_ITERATIONS);
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(warmUp).isPositive();
        assertThat(measured).isPositive();
        assertThat(allocated).as("bytes allocated by %,d order/report round trips", MEASURED_ITERATIONS)
            .isLessThan(ALLOWED_BYTES);
    }

    /** Runs the loop; the sum of what was read keeps the JIT from dropping the work, and checks it was read. */
    private long run(final int first, final int count)
    {
        long sum = 0;
        for (int i = first; i < first + count; i++)
        {
            final long now = START_NANOS + i * 1_000_123L;
            final long price = 1_000_000 + i % 5_000;

            final int orderLength = encoder.wrap(orderBuffer, 0)
                .begin(MsgTypes.NEW_ORDER_SINGLE, "CLIENT", "TESSERA", i + 1, now)
                .putLong(Tags.CL_ORD_ID, 7_000_000_000L + i)
                .putString(Tags.SYMBOL, "TSLA")
                .putChar(Tags.SIDE, (i & 1) == 0 ? '1' : '2')
                .putUtcTimestamp(Tags.TRANSACT_TIME, now)
                .putDecimal(Tags.ORDER_QTY, 100 + i % 900, 0)
                .putChar(Tags.ORD_TYPE, '2')
                .putDecimal(Tags.PRICE, price, 4)
                .finish();
            if (framing.frame(orderBuffer, 0, orderLength + 10) != orderLength ||
                !order.wrap(orderBuffer, 0, orderLength) ||
                !order.checkRequired(REQUIRED) ||
                !order.checkNoDuplicates(NO_GROUPS) ||
                !order.checkFormat(Tags.PRICE, FieldType.DECIMAL) ||
                !order.checkFormat(Tags.TRANSACT_TIME, FieldType.UTC_TIMESTAMP) ||
                !order.valueEquals(Tags.SENDER_COMP_ID, "CLIENT"))
            {
                throw new AssertionError("order " + i + " refused: " + framing.error() + " " + order.rejectReason());
            }
            final long orderPrice = order.decimalValue(Tags.PRICE, 4);
            final long orderQty = order.decimalValue(Tags.ORDER_QTY, 0);
            sum += orderPrice + orderQty + order.intValue(Tags.MSG_SEQ_NUM) + order.charValue(Tags.SIDE) +
                order.utcTimestampValue(Tags.TRANSACT_TIME) % 1_000 + order.utcTimestampValue(Tags.SENDING_TIME) % 1_000;
            order.stringValue(Tags.CL_ORD_ID, clOrdId);
            order.stringValue(Tags.SYMBOL, symbol);

            final int reportLength = encoder.wrap(reportBuffer, 0)
                .begin(MsgTypes.EXECUTION_REPORT, "TESSERA", "CLIENT", i + 1, now + 5_000)
                .putLong(Tags.ORDER_ID, i)
                .putString(Tags.CL_ORD_ID, clOrdId)
                .putString(Tags.EXEC_ID, order.buffer(), order.valueOffsetAt(order.indexOf(Tags.CL_ORD_ID)),
                    order.valueLengthAt(order.indexOf(Tags.CL_ORD_ID)))
                .putChar(Tags.EXEC_TYPE, 'F')
                .putChar(Tags.ORD_STATUS, '2')
                .putChar(Tags.SIDE, order.charValue(Tags.SIDE))
                .putString(Tags.SYMBOL, symbol)
                .putDecimal(Tags.ORDER_QTY, orderQty, 0)
                .putDecimal(Tags.PRICE, orderPrice, 4)
                .putDecimal(Tags.LAST_QTY, orderQty, 0)
                .putDecimal(Tags.LAST_PX, orderPrice, 4)
                .putDecimal(Tags.LEAVES_QTY, 0, 0)
                .putDecimal(Tags.CUM_QTY, orderQty, 0)
                .putDecimal(Tags.AVG_PX, orderPrice, 4)
                .putUtcTimestamp(Tags.TRANSACT_TIME, now + 5_000)
                .putBoolean(Tags.POSS_RESEND, false)
                .putInt(Tags.TOTAL_AFFECTED_ORDERS, -i)
                .finish();
            if (framing.frame(reportBuffer, 0, reportLength) != reportLength || !report.wrap(reportBuffer, 0, reportLength))
            {
                throw new AssertionError("report " + i + " refused");
            }
            sum += report.decimalValue(Tags.AVG_PX, 4) + report.longValue(Tags.ORDER_ID) + report.intValue(Tags.TOTAL_AFFECTED_ORDERS) +
                (report.booleanValue(Tags.POSS_RESEND) ? 1 : 0) + report.msgType();
            if (report.decimalValue(Tags.LAST_PX, 4) != price || !report.valueEquals(Tags.SYMBOL, "TSLA"))
            {
                throw new AssertionError("report " + i + " does not echo the order");
            }
        }
        return sum;
    }
}
