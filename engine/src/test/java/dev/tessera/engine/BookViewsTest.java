package dev.tessera.engine;

import dev.tessera.engine.EngineDriver.RestingOrder;
import dev.tessera.engine.codec.Side;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static dev.tessera.engine.TestInstruments.AAPL;
import static dev.tessera.engine.TestInstruments.MSFT;
import static org.assertj.core.api.Assertions.assertThat;

/** L1, L2, L3, the state hash and the engine's answer to bytes that are not a command. */
class BookViewsTest
{
    private final EngineDriver driver = new EngineDriver(TestInstruments.aapl(), TestInstruments.msft());

    private void buildBook(final EngineDriver target)
    {
        target.limit(1, AAPL, 1, Side.BUY, 9_990, 100);
        target.limit(2, AAPL, 2, Side.BUY, 9_990, 50);
        target.limit(1, AAPL, 3, Side.BUY, 9_980, 70);
        target.limit(2, AAPL, 4, Side.SELL, 10_000, 30);
        target.limit(1, AAPL, 5, Side.SELL, 10_020, 40);
        target.limit(3, AAPL, 6, Side.SELL, 10_010, 60);
    }

    @Test
    void shouldReportTopOfBook()
    {
        buildBook(driver);
        final OrderBook book = driver.engine().book(AAPL);

        assertThat(book.bestPrice(Side.BUY)).isEqualTo(9_990);
        assertThat(book.bestQuantity(Side.BUY)).isEqualTo(150);
        assertThat(book.bestPrice(Side.SELL)).isEqualTo(10_000);
        assertThat(book.bestQuantity(Side.SELL)).isEqualTo(30);
    }

    @Test
    void shouldReportAnEmptySide()
    {
        final OrderBook book = driver.engine().book(MSFT);

        assertThat(book.bestPrice(Side.BUY)).isEqualTo(OrderBook.NO_PRICE);
        assertThat(book.bestQuantity(Side.SELL)).isZero();
        assertThat(book.levelCount(Side.SELL)).isZero();
    }

    @Test
    void shouldCopyTheTopLevelsBestFirst()
    {
        buildBook(driver);
        final MarketDepth depth = new MarketDepth(2);

        driver.engine().book(AAPL).copyDepth(depth);

        assertThat(depth.levels(Side.BUY)).isEqualTo(2);
        assertThat(depth.price(Side.BUY, 0)).isEqualTo(9_990);
        assertThat(depth.quantity(Side.BUY, 0)).isEqualTo(150);
        assertThat(depth.orderCount(Side.BUY, 0)).isEqualTo(2);
        assertThat(depth.price(Side.BUY, 1)).isEqualTo(9_980);
        assertThat(depth.levels(Side.SELL)).as("capped at 2 of 3").isEqualTo(2);
        assertThat(depth.price(Side.SELL, 0)).isEqualTo(10_000);
        assertThat(depth.price(Side.SELL, 1)).isEqualTo(10_010);
    }

    @Test
    void shouldShrinkTheDepthWhenLevelsDisappear()
    {
        buildBook(driver);
        final MarketDepth depth = new MarketDepth(5);
        driver.engine().book(AAPL).copyDepth(depth);
        driver.limit(4, AAPL, 7, Side.BUY, 10_020, 140);

        driver.engine().book(AAPL).copyDepth(depth);

        assertThat(depth.levels(Side.SELL)).isZero();
        assertThat(depth.price(Side.BUY, 0)).isEqualTo(10_020);
        assertThat(depth.quantity(Side.BUY, 0)).isEqualTo(10);
    }

    @Test
    void shouldListEveryOrderInPriorityOrder()
    {
        buildBook(driver);

        assertThat(driver.restingOrders(AAPL)).containsExactly(
            new RestingOrder(Side.BUY, 9_990, 1, 1, 1, 100, 100),
            new RestingOrder(Side.BUY, 9_990, 2, 2, 2, 50, 50),
            new RestingOrder(Side.BUY, 9_980, 3, 1, 3, 70, 70),
            new RestingOrder(Side.SELL, 10_000, 4, 2, 4, 30, 30),
            new RestingOrder(Side.SELL, 10_010, 6, 3, 6, 60, 60),
            new RestingOrder(Side.SELL, 10_020, 5, 1, 5, 40, 40));
    }

    @Test
    void shouldGiveTheSameHashToTheSameStateAndADifferentOneOtherwise()
    {
        final EngineDriver twin = new EngineDriver(TestInstruments.aapl(), TestInstruments.msft());
        buildBook(driver);
        buildBook(twin);
        assertThat(twin.engine().stateHash()).isEqualTo(driver.engine().stateHash());

        // Same orders, same counters, but a different time priority within the 99.90 level.
        final EngineDriver reordered = new EngineDriver(TestInstruments.aapl(), TestInstruments.msft());
        reordered.limit(2, AAPL, 2, Side.BUY, 9_990, 50);
        reordered.limit(1, AAPL, 1, Side.BUY, 9_990, 100);
        final EngineDriver ordered = new EngineDriver(TestInstruments.aapl(), TestInstruments.msft());
        ordered.limit(1, AAPL, 1, Side.BUY, 9_990, 100);
        ordered.limit(2, AAPL, 2, Side.BUY, 9_990, 50);
        assertThat(reordered.engine().stateHash()).isNotEqualTo(ordered.engine().stateHash());

        twin.limit(9, AAPL, 9, Side.BUY, 9_000, 10);
        assertThat(twin.engine().stateHash()).isNotEqualTo(driver.engine().stateHash());
    }

    @Test
    void shouldProduceByteIdenticalEventsForTheSameCommands()
    {
        final MatchingEngine first = new MatchingEngine(java.util.List.of(TestInstruments.aapl()));
        final MatchingEngine second = new MatchingEngine(java.util.List.of(TestInstruments.aapl()));
        final CommandEncoder encoder = new CommandEncoder();
        final UnsafeBuffer command = new UnsafeBuffer(new byte[CommandEncoder.MAX_COMMAND_LENGTH]);
        for (int i = 1; i <= 200; i++)
        {
            final Side side = i % 3 == 0 ? Side.SELL : Side.BUY;
            final int length = encoder.newOrder(command, 0, i, i * 7L, i % 4, AAPL, i, side,
                dev.tessera.engine.codec.OrderType.LIMIT, dev.tessera.engine.codec.TimeInForce.GTC, false,
                9_990 + (i * 31 % 21), 10 + i % 50);
            first.onCommand(command, 0, length);
            second.onCommand(command, 0, length);
            final byte[] a = new byte[first.events().length()];
            final byte[] b = new byte[second.events().length()];
            first.events().buffer().getBytes(0, a);
            second.events().buffer().getBytes(0, b);
            assertThat(a).isEqualTo(b);
        }
        assertThat(first.stateHash()).isEqualTo(second.stateHash());
    }

    @Test
    void shouldAnswerUnknownCommandForBytesThatAreNotACommand()
    {
        final UnsafeBuffer garbage = new UnsafeBuffer(new byte[64]);
        garbage.setMemory(0, 64, (byte)0x5A);

        assertThat(driver.engine().onCommand(garbage, 0, 64)).isEqualTo(MatchingEngine.UNKNOWN_COMMAND);
        assertThat(driver.engine().onCommand(garbage, 0, 3)).isEqualTo(MatchingEngine.UNKNOWN_COMMAND);
        assertThat(driver.engine().events().eventCount()).isZero();
        assertThat(driver.engine().lastEventSequence()).isZero();
    }

    /**
     * The engine checks a command's bounds once, then decodes it without a check per field: a command
     * that claims more bytes than its buffer has, or whose block is shorter than its template's, must be
     * refused whole, not decoded from the bytes beyond it.
     */
    @Test
    void shouldRefuseACommandThatDoesNotFitItsBufferOrItsTemplate()
    {
        final CommandEncoder encoder = new CommandEncoder();
        final UnsafeBuffer command = new UnsafeBuffer(new byte[CommandEncoder.MAX_COMMAND_LENGTH]);
        final int length = encoder.newOrder(command, 0, 1, 7L, 1, AAPL, 1, Side.BUY,
            dev.tessera.engine.codec.OrderType.LIMIT, dev.tessera.engine.codec.TimeInForce.GTC, false, 10_000, 10);
        final MatchingEngine engine = driver.engine();

        assertThat(engine.onCommand(command, CommandEncoder.MAX_COMMAND_LENGTH - 8, length))
            .as("a command running past the end of its buffer").isEqualTo(MatchingEngine.UNKNOWN_COMMAND);
        assertThat(engine.onCommand(command, -8, length)).isEqualTo(MatchingEngine.UNKNOWN_COMMAND);

        final int blockLength = command.getShort(0, java.nio.ByteOrder.LITTLE_ENDIAN);
        command.putShort(0, (short)(blockLength - 8), java.nio.ByteOrder.LITTLE_ENDIAN);
        assertThat(engine.onCommand(command, 0, length))
            .as("a block shorter than the template's").isEqualTo(MatchingEngine.UNKNOWN_COMMAND);
        assertThat(engine.lastEventSequence()).isZero();
        assertThat(engine.liveOrderCount()).isZero();

        command.putShort(0, (short)blockLength, java.nio.ByteOrder.LITTLE_ENDIAN);
        assertThat(engine.onCommand(command, 0, length)).as("the same command, whole").isEqualTo(1);
        assertThat(engine.liveOrderCount()).isEqualTo(1);
    }

    @Test
    void shouldGiveConsumersEventsThroughABufferThatChecksItsBounds()
    {
        final UnsafeBuffer command = new UnsafeBuffer(new byte[CommandEncoder.MAX_COMMAND_LENGTH]);
        final int length = new CommandEncoder().newOrder(command, 0, 1, 7L, 1, AAPL, 1, Side.BUY,
            dev.tessera.engine.codec.OrderType.LIMIT, dev.tessera.engine.codec.TimeInForce.GTC, false, 10_000, 10);
        final MatchingEngine engine = driver.engine();
        engine.onCommand(command, 0, length);
        final org.agrona.DirectBuffer events = engine.events().buffer();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> events.getLong(events.capacity() - 4))
            .isInstanceOf(IndexOutOfBoundsException.class);
    }
}
