package dev.tessera.lobster;

import dev.tessera.config.InstrumentConfig;
import dev.tessera.config.SelfTradePrevention;
import dev.tessera.engine.CommandEncoder;
import dev.tessera.engine.EventAdapter;
import dev.tessera.engine.EventListener;
import dev.tessera.engine.MatchingEngine;
import dev.tessera.engine.OrderBook;
import dev.tessera.engine.codec.CancelRejectedDecoder;
import dev.tessera.engine.codec.CancelOrderDecoder;
import dev.tessera.engine.codec.NewOrderDecoder;
import dev.tessera.engine.codec.ReplaceOrderDecoder;
import dev.tessera.engine.codec.ReplaceRejectedDecoder;
import dev.tessera.engine.codec.Side;
import dev.tessera.engine.codec.TimeInForce;
import dev.tessera.journal.tools.CommandFormatter;
import dev.tessera.journal.tools.CommandReader;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class LobsterImportTest
{
    private static final long MIDNIGHT = LobsterTime.midnightEpochNanos(LocalDate.of(2012, 6, 21));
    private static final InstrumentConfig CENTS = new InstrumentConfig("X", 7, 2, 1, 1, 1, 1_000_000, 10_000, 0,
        SelfTradePrevention.NONE);
    private static final InstrumentConfig SCALE_6 = new InstrumentConfig("Y", 8, 6, 100, 1, 1, 1_000_000, 100_000_000, 0,
        SelfTradePrevention.NONE);

    private final UnsafeBuffer command = new UnsafeBuffer(new byte[CommandEncoder.MAX_COMMAND_LENGTH]);
    private final CommandReader reader = new CommandReader();
    private final LobsterMessage message = new LobsterMessage();

    @TempDir
    Path dir;

    @Test
    void shouldParseTimesExactlyInNewYork()
    {
        assertThat(LobsterTime.parseNanos("34200.004241176", 0, 15)).isEqualTo(34_200_004_241_176L);
        assertThat(LobsterTime.parseNanos("34200.01746", 0, 11)).isEqualTo(34_200_017_460_000L);
        assertThat(LobsterTime.parseNanos("57600", 0, 5)).isEqualTo(57_600_000_000_000L);
        assertThat(LobsterTime.format(34_200_017_460_000L)).isEqualTo("34200.017460000");
        // 2012-06-21 00:00 in New York (EDT) is 04:00 UTC
        assertThat(MIDNIGHT).isEqualTo(1_340_251_200_000_000_000L);
        assertThatThrownBy(() -> LobsterTime.parseNanos("1.0000000001", 0, 12)).hasMessageContaining("9 decimals");
        assertThatThrownBy(() -> LobsterTime.parseNanos("1e5", 0, 3)).hasMessageContaining("not a time");
    }

    @Test
    void shouldReadWhatTheFileNameSays()
    {
        final LobsterFile file = LobsterFile.of(Path.of("x/AMZN_2012-06-21_34200000_57600000_orderbook_1.csv"));

        assertThat(file).isEqualTo(new LobsterFile("AMZN", LocalDate.of(2012, 6, 21), 1, "orderbook"));
        assertThat(LobsterFile.orderbookBeside(Path.of("d/AAPL_2012-06-21_34200000_57600000_message_10.csv")))
            .isEqualTo(Path.of("d/AAPL_2012-06-21_34200000_57600000_orderbook_10.csv"));
        assertThatThrownBy(() -> LobsterFile.of(Path.of("orders.csv"))).hasMessageContaining("not a LOBSTER file name")
            .hasMessageContaining("_message_").hasMessageContaining("_orderbook_").hasMessageEndingWith(": orders.csv");
    }

    @Test
    void shouldReadMessagesSkippingTheHeaderAndNamingBadLines() throws IOException
    {
        final Path file = dir.resolve("T_2012-06-21_0_1_message_1.csv");
        Files.writeString(file, "Time,Type,OrderId,Size,Price,Direction\n34200.5,1,11,100,2238100,1\n34201,7,0,0,-1,-1\n" +
            "34202,3,11,100,2238100,x\n");
        try (LobsterMessageReader messages = new LobsterMessageReader(file))
        {
            assertThat(messages.next()).hasToString("34200.500000000,1,11,100,2238100,1");
            assertThat(messages.next().type()).isEqualTo(LobsterMessage.HALT);
            assertThatThrownBy(messages::next).hasMessageContaining("line 4").hasMessageContaining("field 6");
        }
        assertThat(LobsterMessageReader.countMessages(file)).isEqualTo(3);
    }

    @Test
    void shouldRefuseAnUnknownTypeABlankLineAndATimeGoingBackwardsNamingTheLine() throws IOException
    {
        assertThat(firstBadRow("34200.5,1,11,100,2238100,1\n34200.6,9,12,100,2238100,1\n"))
            .hasMessage("T_2012-06-21_0_1_message_1.csv line 2: type must be 1 to 7: 34200.6,9,12,100,2238100,1");
        assertThat(firstBadRow("34200.5,0,11,100,2238100,1\n")).hasMessageContaining("line 1: type must be 1 to 7");
        assertThat(firstBadRow("34200.5,1,99999999999999999999,100,2238100,1\n"))
            .hasMessageContaining("line 1: number too large in field 3: 99999999999999999999");
        // QA 111: 8e9 s wrapped into 1720 once made an epoch time; 99999999999999999999 gave Math's "long overflow"
        assertThat(firstBadRow("90000,7,0,0,-1,-1\n90000.000000001,1,11,100,2238100,1\n"))
            .as("90,000 s itself is the longest day's end").hasMessageContaining("line 2: time 90000.000000001 is past");
        for (final String time : new String[] {"90001", "90000.5", "8000000000.5", "99999999999999999999"})
        {
            assertThat(firstBadRow(time + ",1,11,100,2238100,1\n")).hasMessage("T_2012-06-21_0_1_message_1.csv line " +
                "1: time " + time + " is past the day: LOBSTER times are seconds after midnight, at most 90000 on the " +
                "longest day: " + time + ",1,11,100,2238100,1");
        }
        // 2^32 + 1 would be type 1 as an int
        assertThat(firstBadRow("34200.5,4294967297,11,100,2238100,1\n")).hasMessageContaining("line 1: type must be 1 to 7");
        assertThat(firstBadRow("34200.5,1,11,100,2238100,4294967297\n"))
            .hasMessageContaining("line 1: direction must be 1 or -1");
        assertThat(firstBadRow("34200.5,1,11,100,2238100,1\n\n34200.6,1,12,100,2238100,1\n"))
            .hasMessage("T_2012-06-21_0_1_message_1.csv line 2: blank line");
        assertThat(firstBadRow("Time,Type,OrderId,Size,Price,Direction\n  \n34200.5,1,11,100,2238100,1\n"))
            .hasMessageContaining("line 2: blank line");
        assertThat(firstBadRow("34200.5,1,11,100,2238100,1\n34200.5,3,11,100,2238100,1\n34200.4,1,12,100,2238100,1\n"))
            .as("equal times are one batch; an earlier one is out of order")
            .hasMessage("T_2012-06-21_0_1_message_1.csv line 3: time goes backwards (the row before is at 34200.500000000; " +
                "a LOBSTER file is in time order): 34200.4,1,12,100,2238100,1");
    }

    /**
     * QA 120: an editor's extra newline at the end of the file (a blank last line) was refused as a lost row; blank lines
     * at the very end are no gap between rows, and are passed, while one before a row still is refused by its number.
     */
    @Test
    void shouldPassBlankLinesAtTheVeryEndOfTheFileOnly() throws IOException
    {
        final Path file = Files.writeString(dir.resolve("T_2012-06-21_0_1_message_1.csv"),
            "34200.5,1,11,100,2238100,1\n34200.6,3,11,100,2238100,1\n\n \r\n\n");
        try (LobsterMessageReader messages = new LobsterMessageReader(file))
        {
            assertThat(messages.next().orderId()).isEqualTo(11);
            assertThat(messages.next().type()).isEqualTo(LobsterMessage.DELETE);
            assertThat(messages.next()).isNull();
            assertThat(messages.messages()).isEqualTo(2);
        }
        assertThat(LobsterMessageReader.countMessages(file)).isEqualTo(2);
        assertThat(firstBadRow("34200.5,1,11,100,2238100,1\n\n\n34200.6,1,12,100,2238100,1\n\n"))
            .hasMessage("T_2012-06-21_0_1_message_1.csv line 2: blank line");
    }

    /** QA 107: a damaged first row was skipped as a header, and every comparison after it ran one row off (exit 0). */
    @Test
    void shouldSkipOnlyAHeaderOfColumnNamesOnLineOneAndRefuseADamagedFirstRow() throws IOException
    {
        for (final String damaged : new String[] {"abc,1,16113575,18,5853300,1", "-1,1,16113575,18,5853300,1",
            " 34200.004241176,1,16113575,18,5853300,1", "Time,1,16113575,18,5853300,1"})
        {
            assertThat(firstBadRow(damaged + "\n34200.5,1,11,100,2238100,1\n"))
                .hasMessage("T_2012-06-21_0_1_message_1.csv line 1: not a data row (nor LOBSTER's header line of column " +
                    "names): " + damaged);
        }

        final Path book = Files.writeString(dir.resolve("T_2012-06-21_0_1_orderbook_1.csv"),
            "BestAsk,BestAskVolume,BestBid,BestBidVolume\n5859400,200,5853300,18\nabc,def\n5859400,200,5853300,18\n");
        try (LobsterBookReader rows = new LobsterBookReader(book, 1))
        {
            assertThat(rows.next().price(LobsterMessage.SELL, 0)).as("the header skipped").isEqualTo(5_859_400);
            assertThatThrownBy(rows::next).hasMessage("T_2012-06-21_0_1_orderbook_1.csv line 3: not a data row: abc,def");
        }
        Files.writeString(book, "5859400,200,5853300,18\n\n5859400,200,5853300,18\n");
        try (LobsterBookReader rows = new LobsterBookReader(book, 1))
        {
            rows.next();
            assertThatThrownBy(rows::next).hasMessage("T_2012-06-21_0_1_orderbook_1.csv line 2: blank line");
        }
        Files.writeString(book, "x5859400,200,5853300,18\n5859400,200,5853300,18\n");
        try (LobsterBookReader rows = new LobsterBookReader(book, 1))
        {
            assertThatThrownBy(rows::next).hasMessageStartingWith("T_2012-06-21_0_1_orderbook_1.csv line 1: not a data row");
        }
    }

    @Test
    void shouldRefuseABookChangeWithoutAPositiveSizeOrAPossiblePriceOrWithAReusedOrderIdNamingTheLine() throws IOException
    {
        assertThat(firstBadRow("34200.5,1,11,100,2238100,1\n34200.6,1,12,-100,2238100,1\n"))
            .hasMessage("T_2012-06-21_0_1_message_1.csv line 2: size must be > 0 for a row of type 1, got -100: " +
                "34200.6,1,12,-100,2238100,1");
        assertThat(firstBadRow("34200.5,4,11,0,2238100,1\n")).hasMessageContaining("line 1: size must be > 0 for a row of type 4");
        assertThat(firstBadRow("34200.5,2,11,10,-2238100,1\n"))
            .hasMessageContaining("line 1: price must be 1 to 2147483647 (dollars x 10,000) for a row of type 2, got -2238100");
        assertThat(firstBadRow("34200.5,3,11,10,9999999999,-1\n")).hasMessageContaining("line 1: price must be 1 to");
        assertThat(firstBadRow("34200.5,1,11,100,2238100,1\n34200.6,3,11,100,2238100,1\n34200.7,1,11,18,2238200,1\n"))
            .as("an order id gone from the book is not free again either: LOBSTER never reuses one")
            .hasMessage("T_2012-06-21_0_1_message_1.csv line 3: order id 11 was submitted already at line 1 (LOBSTER " +
                "order ids are never reused): 34200.7,1,11,18,2238200,1");
    }

    @Test
    void shouldPassLobstersSpecialRows() throws IOException
    {
        final Path file = Files.writeString(dir.resolve("T_2012-06-21_0_1_message_1.csv"),
            "34200.5,5,0,100,2238100,-1\n34200.6,5,0,50,2238200,1\n34201,7,0,0,-1,-1\n34202,7,0,0,0,-1\n" +
                "34203,7,0,0,1,-1\n34204,6,-1,300,2238100,-1\n34205,1,11,100,2147483647,-1\n");
        try (LobsterMessageReader messages = new LobsterMessageReader(file))
        {
            while (messages.next() != null)
            {
                // every row passes
            }
            assertThat(messages.messages()).isEqualTo(7);
        }
    }

    @Test
    void shouldNameTheLineOfAByteThatIsNotAsciiAndTheReasonAFileCannotBeRead() throws IOException
    {
        final StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 2000; i++)
        {
            rows.append("34200.5,1,").append(1000 + i).append(",100,2238100,1\n");
        }
        final byte[] bytes = rows.toString().getBytes(StandardCharsets.US_ASCII);
        // deep in the file, beyond the first buffer a reader decodes at once
        final int line1500 = 1499 * "34200.5,1,1000,100,2238100,1\n".length() + 3;
        bytes[line1500] = (byte)0xFF;
        final Path file = Files.write(dir.resolve("T_2012-06-21_0_1_message_1.csv"), bytes);
        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> LobsterMessageReader.countMessages(file)))
            .hasMessage("T_2012-06-21_0_1_message_1.csv line 1500: not ASCII text (character 4); a LOBSTER file is " +
                "numbers and commas");
        assertThat(firstBadRow(new String(bytes, StandardCharsets.ISO_8859_1))).hasMessageContaining("line 1500: not ASCII text");
        final Path book = Files.write(dir.resolve("T_2012-06-21_0_1_orderbook_1.csv"), new byte[] {'1', ',', (byte)0x80});
        try (LobsterBookReader rowsOfBook = new LobsterBookReader(book, 1))
        {
            assertThatThrownBy(rowsOfBook::next).hasMessageContaining("orderbook_1.csv line 1: not ASCII text");
        }

        final Path directory = Files.createDirectory(dir.resolve("X_2012-06-21_0_1_message_1.csv"));
        assertThatThrownBy(() -> LobsterMessageReader.countMessages(directory))
            .isInstanceOf(UncheckedIOException.class)
            .hasMessage("cannot read LOBSTER message file " + directory + ": Is a directory");
        assertThatThrownBy(() -> new LobsterMessageReader(dir.resolve("none_2012-06-21_0_1_message_1.csv")))
            .hasMessageEndingWith("none_2012-06-21_0_1_message_1.csv: No such file or directory");
    }

    /** Reads the file's rows up to the first one refused; a file with none refused fails the test. */
    private Throwable firstBadRow(final String content) throws IOException
    {
        final Path file = Files.writeString(dir.resolve("T_2012-06-21_0_1_message_1.csv"), content);
        try (LobsterMessageReader messages = new LobsterMessageReader(file))
        {
            return catchThrowableOfType(IllegalArgumentException.class, () ->
            {
                while (messages.next() != null)
                {
                    // the good rows before it
                }
            });
        }
    }

    @Test
    void shouldTakeTheFirstMessageBackFromRowZero() throws IOException
    {
        final Path file = dir.resolve("T_2012-06-21_0_1_orderbook_2.csv");
        Files.writeString(file, "5859400,200,5853300,18,5859800,200,5853000,150\n" +
            "9999999999,0,5853000,150,9999999999,0,-9999999999,0");
        try (LobsterBookReader rows = new LobsterBookReader(file, 2))
        {
            final LobsterBookRow row = rows.next();
            row.undo(message.set(0, LobsterMessage.NEW_ORDER, 1, 18, 5_853_300, LobsterMessage.BUY));
            assertThat(row).hasToString("asks [200@5859400 200@5859800] bids [150@5853000]");
            row.undo(message.set(0, LobsterMessage.DELETE, 2, 50, 5_859_000, LobsterMessage.SELL));
            assertThat(row.levels(LobsterMessage.SELL)).isEqualTo(3);
            assertThat(row.price(LobsterMessage.SELL, 0)).isEqualTo(5_859_000);

            final LobsterBookRow empty = rows.next();
            assertThat(empty.levels(LobsterMessage.SELL)).as("dummy levels are no levels").isZero();
            assertThat(empty.levels(LobsterMessage.BUY)).isEqualTo(1);
        }
    }

    @Test
    void shouldTurnASubmissionIntoAGtcLimitOrderAtTheExactPrice()
    {
        final LobsterImport translator = new LobsterImport(SCALE_6, MIDNIGHT);
        translator.translate(message.set(34_200_000_000_000L, LobsterMessage.NEW_ORDER, 42, 18, 5_853_300, LobsterMessage.BUY));

        final NewOrderDecoder order = takeNewOrder(translator);
        assertThat(order.owner()).isEqualTo(LobsterImport.PASSIVE_OWNER);
        assertThat(order.clientOrderId()).isEqualTo(42);
        assertThat(order.price()).as("585.33 at scale 6").isEqualTo(585_330_000);
        assertThat(order.quantity()).isEqualTo(18);
        assertThat(order.side()).isEqualTo(Side.BUY);
        assertThat(order.timeInForce()).isEqualTo(TimeInForce.GTC);
        assertThat(order.timestamp()).isEqualTo(MIDNIGHT + 34_200_000_000_000L);
        assertThat(order.sequence()).isEqualTo(1);
    }

    @Test
    void shouldRefuseAPriceThatWouldNeedRounding()
    {
        final LobsterImport translator = new LobsterImport(CENTS, MIDNIGHT);

        assertThatThrownBy(() -> translator.translate(message.set(0, LobsterMessage.NEW_ORDER, 1, 1, 2_238_150,
            LobsterMessage.SELL))).hasMessageContaining("not rounded");
    }

    @Test
    void shouldTurnAPartialCancelIntoAReplaceToTheSmallerTotalAndADeleteIntoACancel()
    {
        final LobsterImport translator = new LobsterImport(CENTS, MIDNIGHT);
        translator.translate(message.set(1, LobsterMessage.NEW_ORDER, 5, 100, 2_238_100, LobsterMessage.SELL));
        takeNewOrder(translator);

        translator.translate(message.set(2, LobsterMessage.PARTIAL_CANCEL, 5, 30, 2_238_100, LobsterMessage.SELL));
        assertThat(take(translator)).isEqualTo(ReplaceOrderDecoder.TEMPLATE_ID);
        assertThat(reader.replaceOrder().origClientOrderId()).isEqualTo(5);
        assertThat(reader.replaceOrder().quantity()).isEqualTo(70);
        assertThat(reader.replaceOrder().price()).isEqualTo(CommandEncoder.UNCHANGED);

        translator.translate(message.set(3, LobsterMessage.DELETE, 5, 70, 2_238_100, LobsterMessage.SELL));
        assertThat(take(translator)).isEqualTo(CancelOrderDecoder.TEMPLATE_ID);
        assertThat(reader.cancelOrder().owner()).isEqualTo(LobsterImport.PASSIVE_OWNER);
        assertThat(reader.cancelOrder().origClientOrderId()).isEqualTo(5);
        assertThat(translator.hasCommands()).isFalse();
    }

    @Test
    void shouldTurnAVisibleExecutionIntoAnAggressingIocOrderOnTheOtherSide()
    {
        final LobsterImport translator = new LobsterImport(CENTS, MIDNIGHT);
        translator.translate(message.set(1, LobsterMessage.VISIBLE_EXECUTION, 9, 26, 2_237_500, LobsterMessage.BUY));

        final NewOrderDecoder order = takeNewOrder(translator);
        assertThat(order.owner()).isEqualTo(LobsterImport.AGGRESSOR_OWNER);
        assertThat(order.side()).as("a resting buy was hit: the aggressor sells").isEqualTo(Side.SELL);
        assertThat(order.timeInForce()).isEqualTo(TimeInForce.IOC);
        assertThat(order.price()).isEqualTo(22_375);
        assertThat(order.quantity()).isEqualTo(26);
        assertThat(translator.unseenExecutions()).as("order 9 rested before the file, no seed").isEqualTo(1);
        assertThat(translator.unknownOrderMessages()).as("sent, so not left out").isZero();
    }

    @Test
    void shouldLeaveHiddenExecutionsCrossesAndHaltsOutOfTheBook()
    {
        final LobsterImport translator = new LobsterImport(CENTS, MIDNIGHT);
        translator.translate(message.set(1, LobsterMessage.HIDDEN_EXECUTION, 0, 1, 2_238_250, LobsterMessage.SELL));
        translator.translate(message.set(2, LobsterMessage.CROSS, 0, 100, 2_238_200, LobsterMessage.SELL));
        translator.translate(message.set(3, LobsterMessage.HALT, 0, 0, -1, LobsterMessage.SELL));

        assertThat(translator.hasCommands()).isFalse();
        assertThat(translator.messages(LobsterMessage.HIDDEN_EXECUTION)).isEqualTo(1);
        assertThat(translator.messages(LobsterMessage.HALT)).isEqualTo(1);
    }

    @Test
    void shouldSeedOneOldestOrderPerLevelAndReduceItForOrdersFromBeforeTheFile() throws IOException
    {
        final Path file = dir.resolve("T_2012-06-21_0_1_orderbook_1.csv");
        Files.writeString(file, "2239500,100,2231800,300\n");
        final LobsterImport translator = new LobsterImport(CENTS, MIDNIGHT);
        try (LobsterBookReader rows = new LobsterBookReader(file, 1))
        {
            translator.seed(rows.next(), 5);
        }
        final NewOrderDecoder bid = takeNewOrder(translator);
        assertThat(bid.owner()).isEqualTo(LobsterImport.SEED_OWNER);
        assertThat(bid.price()).isEqualTo(22_318);
        assertThat(bid.quantity()).isEqualTo(300);
        assertThat(takeNewOrder(translator).side()).isEqualTo(Side.SELL);

        translator.translate(message.set(6, LobsterMessage.DELETE, 777, 100, 2_231_800, LobsterMessage.BUY));
        assertThat(take(translator)).isEqualTo(ReplaceOrderDecoder.TEMPLATE_ID);
        assertThat(reader.replaceOrder().owner()).isEqualTo(LobsterImport.SEED_OWNER);
        assertThat(reader.replaceOrder().quantity()).isEqualTo(200);
        assertThat(translator.unknownOrderMessages()).isZero();
    }

    @Test
    void shouldNotCancelASeedOrderTheReAlignmentAlreadyCancelled()
    {
        final LobsterImport translator = new LobsterImport(CENTS, MIDNIGHT);
        translator.resyncAdd(Side.BUY, 22_367, 100, 5);
        assertThat(takeNewOrder(translator).owner()).isEqualTo(LobsterImport.SEED_OWNER);
        final long seedClientOrderId = reader.newOrder().clientOrderId();
        translator.resyncReduce(LobsterImport.SEED_OWNER, 761, seedClientOrderId, 100, 100, 100, 6);
        assertThat(take(translator)).isEqualTo(CancelOrderDecoder.TEMPLATE_ID);

        translator.translate(message.set(7, LobsterMessage.DELETE, 777, 100, 2_236_700, LobsterMessage.BUY));

        assertThat(translator.hasCommands()).as("no seed order left at 223.67 to cancel").isFalse();
        assertThat(translator.unknownOrderMessages()).isEqualTo(1);
    }

    @Test
    void shouldFollowTheSeedOrdersByTheEnginesEventsAndNeverNameOneTheEngineFilled() throws IOException
    {
        final LobsterImport translator = new LobsterImport(CENTS, MIDNIGHT);
        final EngineRun engine = new EngineRun(translator);
        translator.seed(row("2239500,100,2231800,300"), 5);
        engine.run();
        // an order submitted in the file joins the seeded bid level behind the seed, then an execution of it
        // comes: the engine's aggressor fills the seed (older, first in the queue), not the named order
        translator.translate(message.set(6, LobsterMessage.NEW_ORDER, 50, 300, 2_231_800, LobsterMessage.BUY));
        translator.translate(message.set(7, LobsterMessage.VISIBLE_EXECUTION, 50, 300, 2_231_800, LobsterMessage.BUY));
        engine.run();

        translator.translate(message.set(8, LobsterMessage.DELETE, 777, 100, 2_231_800, LobsterMessage.BUY));

        assertThat(translator.hasCommands()).as("the seed was filled: nothing to cancel").isFalse();
        assertThat(translator.unknownOrderMessages()).isEqualTo(1);
        assertThat(engine.refused).isEmpty();
    }

    /**
     * QA 120 F1: re-alignment's cancels and replaces name themselves by a ClOrdID of their own, {@code R1}, {@code R2}
     * ..., which no LOBSTER id (a number) can be, so that the journal tells them from the file's own deletes and
     * partial cancels; the file's later requests still reach the orders (by the ClOrdID a re-alignment replace gave),
     * under the file's own id again.
     */
    @Test
    void shouldGiveReAlignmentCancelsAndReplacesAClientOrderIdOfTheirOwn() throws IOException
    {
        final LobsterImport translator = new LobsterImport(CENTS, MIDNIGHT);
        final EngineRun engine = new EngineRun(translator);
        final BookResync resync = new BookResync();
        translator.seed(row("2239500,100,2231800,300"), 5);
        translator.translate(message.set(6, LobsterMessage.NEW_ORDER, 50, 200, 2_231_800, LobsterMessage.BUY));
        engine.run();
        // the bid level holds 500 (seed 300, order 50's 200); the file says 350: order 50, the youngest, loses 150
        resync.resync(row("2239500,100,2231800,350"), engine.book(), 1, translator, 7);
        translator.translate(message.set(7, LobsterMessage.PARTIAL_CANCEL, 50, 20, 2_231_800, LobsterMessage.BUY));
        engine.run();
        // 330 held, 100 wanted: order 50 (30) cancelled, the seed replaced down to 100
        resync.resync(row("2239500,100,2231800,100"), engine.book(), 1, translator, 8);
        translator.translate(message.set(8, LobsterMessage.DELETE, 777, 50, 2_231_800, LobsterMessage.BUY));
        engine.run();

        assertThat(engine.commands).containsSubsequence(
            "REPLACE    order 3  price unchanged qty 50  owner 1 clOrd R1",
            "REPLACE    origClOrd R1  price unchanged qty 30  owner 1 clOrd 50",
            "CANCEL     order 3  owner 1 clOrd R2",
            "REPLACE    order 1  price unchanged qty 100  owner 3 clOrd R3",
            "REPLACE    origClOrd R3  price unchanged qty 50  owner 3 clOrd 1");
        assertThat(engine.refused).isEmpty();
        assertThat(engine.book().bestQuantity(Side.BUY)).isEqualTo(50);
    }

    /** An orderbook file of one level holding {@code line} alone, read. */
    private LobsterBookRow row(final String line) throws IOException
    {
        final Path file = Files.writeString(dir.resolve("T_2012-06-21_0_1_orderbook_1.csv"), line + "\n");
        try (LobsterBookReader rows = new LobsterBookReader(file, 1))
        {
            return rows.next();
        }
    }

    /**
     * Runs a translator's commands through an engine on {@link #CENTS}, feeding it the engine's events, and keeps each
     * command as {@code journal dump} shows it and each cancel or replace the engine refused.
     */
    private final class EngineRun implements EventListener
    {
        final MatchingEngine engine = new MatchingEngine(List.of(CENTS));
        final List<String> commands = new ArrayList<>();
        final List<String> refused = new ArrayList<>();
        private final CommandFormatter formatter = new CommandFormatter(List.of(CENTS));
        private final EventAdapter adapter = new EventAdapter();
        private final LobsterImport translator;

        EngineRun(final LobsterImport translator)
        {
            this.translator = translator;
        }

        OrderBook book()
        {
            return engine.book(CENTS.id());
        }

        void run()
        {
            while (translator.hasCommands())
            {
                final int length = translator.take(command);
                commands.add(formatter.format(command, 0, length));
                engine.onCommand(command, 0, length);
                translator.onEvents(engine.events());
                adapter.read(engine.events().buffer(), 0, engine.events().length(), this);
            }
        }

        @Override
        public void onCancelRejected(final CancelRejectedDecoder event)
        {
            refused.add("cancel " + event.reason());
        }

        @Override
        public void onReplaceRejected(final ReplaceRejectedDecoder event)
        {
            refused.add("replace " + event.reason());
        }
    }

    private int take(final LobsterImport translator)
    {
        assertThat(translator.hasCommands()).isTrue();
        final int length = translator.take(command);
        return reader.wrap(command, 0, length);
    }

    private NewOrderDecoder takeNewOrder(final LobsterImport translator)
    {
        assertThat(take(translator)).isEqualTo(NewOrderDecoder.TEMPLATE_ID);
        return reader.newOrder();
    }
}
