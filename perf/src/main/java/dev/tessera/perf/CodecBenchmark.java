package dev.tessera.perf;

import dev.tessera.config.Durability;
import dev.tessera.engine.ClientOrderIds;
import dev.tessera.engine.CommandEncoder;
import dev.tessera.engine.EventAdapter;
import dev.tessera.engine.EventListener;
import dev.tessera.engine.codec.BooleanType;
import dev.tessera.engine.codec.CancelOrderDecoder;
import dev.tessera.engine.codec.CancelReason;
import dev.tessera.engine.codec.MessageHeaderDecoder;
import dev.tessera.engine.codec.MessageHeaderEncoder;
import dev.tessera.engine.codec.NewOrderDecoder;
import dev.tessera.engine.codec.OrderAcceptedDecoder;
import dev.tessera.engine.codec.OrderAcceptedEncoder;
import dev.tessera.engine.codec.OrderCancelledDecoder;
import dev.tessera.engine.codec.OrderCancelledEncoder;
import dev.tessera.engine.codec.OrderType;
import dev.tessera.engine.codec.ReplaceOrderDecoder;
import dev.tessera.engine.codec.Side;
import dev.tessera.engine.codec.TimeInForce;
import dev.tessera.engine.codec.TradeDecoder;
import dev.tessera.engine.codec.TradeEncoder;
import dev.tessera.fix.FieldType;
import dev.tessera.fix.FixEncoder;
import dev.tessera.fix.FixFraming;
import dev.tessera.fix.FixMessage;
import dev.tessera.fix.MsgTypes;
import dev.tessera.fix.Tags;
import dev.tessera.journal.ExecIds;
import dev.tessera.journal.Journal;
import dev.tessera.journal.JournalChain;
import dev.tessera.journal.JournalPosition;
import dev.tessera.journal.JournalReader;
import dev.tessera.journal.JournalRecord;
import dev.tessera.journal.JournalWriter;
import dev.tessera.journal.codec.JournalRecordDecoder;
import dev.tessera.perf.fix.FixWriter;
import org.agrona.DirectBuffer;
import org.agrona.checksum.Crc32c;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The hot-path codecs, one message (or one command's events) per call, on one thread:
 * <ul>
 *   <li>SBE engine commands ({@link CommandEncoder}, as the gateway's order entry writes them into a
 *       ring slot; the generated decoders read as the engine does: header, then every field in place);</li>
 *   <li>SBE engine events of one matched command, as the journal stores them: the five events of an
 *       IOC that sweeps three levels ({@link MatchedCommand#SWEEP}), encoded with the generated
 *       encoders as {@code EventBuffer} writes them (the set-up checks the bytes equal the engine's) and
 *       decoded by {@link EventAdapter}, every field read;</li>
 *   <li>the journal record's integrity: CRC32C over a journaled sweep record and the hash-chain step
 *       ({@link JournalChain#next}), what {@code JournalWriter} adds and {@code JournalReader} checks per
 *       record (the framing itself is encoded in place by the writer: {@link JournalBenchmark} measures
 *       the whole append and read);</li>
 *   <li>FIX 4.4: a NewOrderSingle as a client sends it (written by the load generator's own
 *       {@link FixWriter}) framed and checked ({@link FixFraming}: BodyLength, CheckSum), indexed
 *       ({@link FixMessage}) and read as the gateway reads it (CompIDs, PossDupFlag, required tags, the
 *       order fields; ClOrdID through {@link ClientOrderIds}); an ExecutionReport for a partial fill encoded
 *       with {@link FixEncoder}, with the fields and order of the gateway's fill report.</li>
 * </ul>
 * Results are returned (JMH's Blackhole consumes them) or written to a buffer the state keeps, so
 * nothing is dead code. Score: operations per second; with {@code -prof gc}, every one should show
 * 0 B/op. Run with {@code perf/bin/bench --codecs} (adds the JVM flags of {@code .mvn/jvm.config}).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
public class CodecBenchmark
{
    /** Engine commands: a GTC limit buy, a cancel and a price-and-quantity replace of it. */
    @State(Scope.Thread)
    public static class Commands
    {
        private final CommandEncoder encoder = new CommandEncoder();
        /** Where the encode benchmarks write, like a ring slot. */
        private final UnsafeBuffer slot = new UnsafeBuffer(new byte[CommandEncoder.MAX_COMMAND_LENGTH]);
        private final UnsafeBuffer newOrder = new UnsafeBuffer(new byte[CommandEncoder.MAX_COMMAND_LENGTH]);
        private final UnsafeBuffer cancel = new UnsafeBuffer(new byte[CommandEncoder.MAX_COMMAND_LENGTH]);
        private final UnsafeBuffer replace = new UnsafeBuffer(new byte[CommandEncoder.MAX_COMMAND_LENGTH]);
        private final MessageHeaderDecoder header = new MessageHeaderDecoder();
        private final NewOrderDecoder newOrderDecoder = new NewOrderDecoder();
        private final CancelOrderDecoder cancelDecoder = new CancelOrderDecoder();
        private final ReplaceOrderDecoder replaceDecoder = new ReplaceOrderDecoder();
        // The values are fields, not constants, as a caller's would be: the JIT cannot fold them into the code.
        private long owner = MatchedCommand.MAKER;
        private int instrumentId = BenchInstrument.ID;
        private long orderId = MatchedCommand.COMMAND_ORDER_ID;
        private long clientOrderId = MatchedCommand.COMMAND_CLIENT_ORDER_ID;
        private long price = BenchInstrument.passivePrice(Side.BUY, 1);
        private long quantity = MatchedCommand.LEVEL_QUANTITY;
        private long requestClientOrderId = MatchedCommand.COMMAND_CLIENT_ORDER_ID + 1;
        private long replacePrice = BenchInstrument.passivePrice(Side.BUY, 2);
        private long replaceQuantity = MatchedCommand.LEVEL_QUANTITY - 2;
        /** Every encoded command gets the next sequence and a timestamp, as order entry stamps them. */
        private long sequence;

        @Setup(Level.Trial)
        public void setUp()
        {
            JvmFlags.check();
            encodeNewOrder(newOrder);
            encodeCancel(cancel);
            encodeReplace(replace);
            check(decodeNewOrder() == NewOrderDecoder.TEMPLATE_ID + stamp(1) +
                owner + clientOrderId + price + quantity + instrumentId + Side.BUY.value() + OrderType.LIMIT.value() +
                TimeInForce.GTC.value() + BooleanType.FALSE.value(), "the new order does not decode to what was encoded");
            check(decodeCancel() == CancelOrderDecoder.TEMPLATE_ID + stamp(2) +
                owner + orderId + clientOrderId + requestClientOrderId, "the cancel does not decode to what was encoded");
            check(decodeReplace() == ReplaceOrderDecoder.TEMPLATE_ID + stamp(3) +
                owner + orderId + clientOrderId + requestClientOrderId + replacePrice + replaceQuantity,
                "the replace does not decode to what was encoded");
        }

        int encodeNewOrder(final UnsafeBuffer buffer)
        {
            final long sequence = ++this.sequence;
            return encoder.newOrder(buffer, 0, sequence, timestamp(sequence), owner, instrumentId, clientOrderId, Side.BUY,
                OrderType.LIMIT, TimeInForce.GTC, false, price, quantity);
        }

        int encodeCancel(final UnsafeBuffer buffer)
        {
            final long sequence = ++this.sequence;
            return encoder.cancelOrder(buffer, 0, sequence, timestamp(sequence), owner, orderId, clientOrderId,
                requestClientOrderId);
        }

        int encodeReplace(final UnsafeBuffer buffer)
        {
            final long sequence = ++this.sequence;
            return encoder.replaceOrder(buffer, 0, sequence, timestamp(sequence), owner, orderId, clientOrderId,
                requestClientOrderId, replacePrice, replaceQuantity);
        }

        /** As the engine reads a command: the header, then the decoder over the block, every field in place. */
        long decodeNewOrder()
        {
            final NewOrderDecoder command = newOrderDecoder.wrap(newOrder, MessageHeaderDecoder.ENCODED_LENGTH,
                wrapHeader(newOrder), header.version());
            return header.templateId() + command.sequence() + command.timestamp() + command.owner() +
                command.clientOrderId() + command.price() + command.quantity() + command.instrumentId() +
                command.sideRaw() + command.orderTypeRaw() + command.timeInForceRaw() + command.postOnlyRaw();
        }

        long decodeCancel()
        {
            final CancelOrderDecoder command = cancelDecoder.wrap(cancel, MessageHeaderDecoder.ENCODED_LENGTH,
                wrapHeader(cancel), header.version());
            return header.templateId() + command.sequence() + command.timestamp() + command.owner() + command.orderId() +
                command.origClientOrderId() + command.clientOrderId();
        }

        long decodeReplace()
        {
            final ReplaceOrderDecoder command = replaceDecoder.wrap(replace, MessageHeaderDecoder.ENCODED_LENGTH,
                wrapHeader(replace), header.version());
            return header.templateId() + command.sequence() + command.timestamp() + command.owner() + command.orderId() +
                command.origClientOrderId() + command.clientOrderId() + command.price() + command.quantity();
        }

        /** @return the block length; the template id and version are there to read. */
        private int wrapHeader(final UnsafeBuffer command)
        {
            header.wrap(command, 0);
            return header.blockLength();
        }

        private static long timestamp(final long sequence)
        {
            return MatchedCommand.START_TIMESTAMP + sequence;
        }

        private static long stamp(final long sequence)
        {
            return sequence + timestamp(sequence);
        }
    }

    /** The events of one sweep: the engine's bytes to decode, and encoders to write the same bytes again. */
    @State(Scope.Thread)
    public static class Events
    {
        private static final int EVENT_BYTES = 1024;

        private final UnsafeBuffer encoded = new UnsafeBuffer(ByteBuffer.allocateDirect(EVENT_BYTES));
        private final MessageHeaderEncoder header = new MessageHeaderEncoder();
        private final OrderAcceptedEncoder orderAccepted = new OrderAcceptedEncoder();
        private final TradeEncoder trade = new TradeEncoder();
        private final OrderCancelledEncoder orderCancelled = new OrderCancelledEncoder();
        private final EventAdapter adapter = new EventAdapter();
        private final EventFieldSum fields = new EventFieldSum();
        private DirectBuffer engineEvents;
        private int engineEventsLength;
        // What the engine encodes from its order objects; fields, so the JIT cannot fold them into the code.
        private long timestamp = MatchedCommand.COMMAND_TIMESTAMP;
        private long firstSequence = MatchedCommand.COMMAND_SEQUENCE;
        private long takerOrderId = MatchedCommand.COMMAND_ORDER_ID;
        private long takerOwner = MatchedCommand.TAKER;
        private long takerClientOrderId = MatchedCommand.COMMAND_CLIENT_ORDER_ID;
        private long takerPrice = BenchInstrument.passivePrice(Side.SELL, MatchedCommand.LEVELS);
        private long takerQuantity = MatchedCommand.SWEEP_QUANTITY;
        private long makerOwner = MatchedCommand.MAKER;
        private long levelQuantity = MatchedCommand.LEVEL_QUANTITY;
        private int instrumentId = BenchInstrument.ID;

        @Setup(Level.Trial)
        public void setUp()
        {
            JvmFlags.check();
            final MatchedCommand sweep = new MatchedCommand(MatchedCommand.SWEEP);
            engineEvents = sweep.events().buffer();
            engineEventsLength = sweep.events().length();
            final int length = encode();
            check(length == engineEventsLength &&
                new UnsafeBuffer(encoded, 0, length).equals(new UnsafeBuffer(engineEvents, 0, length)),
                "the benchmark's encoding of the sweep differs from the engine's (" + length + " and " +
                engineEventsLength + " bytes)");
            decode();
            check(fields.events == sweep.eventCount,
                "EventAdapter dispatched " + fields.events + " of the sweep's " + sweep.eventCount + " events");
        }

        /** The sweep's events as EventBuffer writes them; returns their length. */
        int encode()
        {
            long sequence = firstSequence;
            orderAccepted.wrapAndApplyHeader(encoded, 0, header)
                .sequence(sequence)
                .timestamp(timestamp)
                .orderId(takerOrderId)
                .owner(takerOwner)
                .clientOrderId(takerClientOrderId)
                .price(takerPrice)
                .quantity(takerQuantity)
                .instrumentId(instrumentId)
                .side(Side.BUY)
                .orderType(OrderType.LIMIT)
                .timeInForce(TimeInForce.IOC)
                .postOnly(BooleanType.FALSE);
            int length = MessageHeaderEncoder.ENCODED_LENGTH + orderAccepted.encodedLength();
            long leaves = takerQuantity;
            for (int level = 1; level <= MatchedCommand.LEVELS; level++)
            {
                leaves -= levelQuantity;
                trade.wrapAndApplyHeader(encoded, length, header)
                    .sequence(++sequence)
                    .timestamp(timestamp)
                    .makerOrderId(level)
                    .makerOwner(makerOwner)
                    .makerClientOrderId(MatchedCommand.MAKER_CLIENT_ORDER_ID_BASE + level)
                    .takerOrderId(takerOrderId)
                    .takerOwner(takerOwner)
                    .takerClientOrderId(takerClientOrderId)
                    .price(BenchInstrument.passivePrice(Side.SELL, level))
                    .quantity(levelQuantity)
                    .makerLeavesQuantity(0)
                    .takerLeavesQuantity(leaves)
                    .instrumentId(instrumentId)
                    .aggressorSide(Side.BUY);
                length += MessageHeaderEncoder.ENCODED_LENGTH + trade.encodedLength();
            }
            orderCancelled.wrapAndApplyHeader(encoded, length, header)
                .sequence(++sequence)
                .timestamp(timestamp)
                .orderId(takerOrderId)
                .owner(takerOwner)
                .clientOrderId(takerClientOrderId)
                .requestClientOrderId(takerClientOrderId)
                .cancelledQuantity(leaves)
                .instrumentId(instrumentId)
                .side(Side.BUY)
                .reason(CancelReason.IOC_REMAINDER);
            return length + MessageHeaderEncoder.ENCODED_LENGTH + orderCancelled.encodedLength();
        }

        /** The engine's bytes through EventAdapter, every field read; returns their sum. */
        long decode()
        {
            fields.sum = 0;
            fields.events = adapter.read(engineEvents, 0, engineEventsLength, fields);
            return fields.sum;
        }
    }

    /** Reads every field of the events a sweep makes, folding them into one number. */
    private static final class EventFieldSum implements EventListener
    {
        long sum;
        int events;

        @Override
        public void onOrderAccepted(final OrderAcceptedDecoder event)
        {
            sum += event.sequence() + event.timestamp() + event.orderId() + event.owner() + event.clientOrderId() +
                event.price() + event.quantity() + event.instrumentId() + event.sideRaw() + event.orderTypeRaw() +
                event.timeInForceRaw() + event.postOnlyRaw();
        }

        @Override
        public void onTrade(final TradeDecoder event)
        {
            sum += event.sequence() + event.timestamp() + event.makerOrderId() + event.makerOwner() +
                event.makerClientOrderId() + event.takerOrderId() + event.takerOwner() + event.takerClientOrderId() +
                event.price() + event.quantity() + event.makerLeavesQuantity() + event.takerLeavesQuantity() +
                event.instrumentId() + event.aggressorSideRaw();
        }

        @Override
        public void onOrderCancelled(final OrderCancelledDecoder event)
        {
            sum += event.sequence() + event.timestamp() + event.orderId() + event.owner() + event.clientOrderId() +
                event.requestClientOrderId() + event.cancelledQuantity() + event.instrumentId() + event.sideRaw() +
                event.reasonRaw();
        }
    }

    /** A journaled sweep record, copied out of a real journal, and what its writer stored to check it by. */
    @State(Scope.Thread)
    public static class Records
    {
        /** As {@code JournalRecord.CHECKSUMMED_FROM}: everything after chainHash (the set-up proves it). */
        private static final int CHECKSUMMED_FROM = MessageHeaderDecoder.ENCODED_LENGTH +
            JournalRecordDecoder.recordSequenceEncodingOffset();
        private static final long FIRST_RECORD = 1;

        private UnsafeBuffer record;
        private long address;
        private int length;
        private int storedChecksum;
        private long storedChainHash;

        @Setup(Level.Trial)
        public void setUp()
        {
            JvmFlags.check();
            final MatchedCommand sweep = new MatchedCommand(MatchedCommand.SWEEP);
            final Path directory = PipelineRig.temporaryDirectory(Path.of(System.getProperty("java.io.tmpdir")),
                "tessera-perf-codec-");
            try (Journal journal = Journal.open(PipelineRig.journalConfig(directory, Durability.PROCESS)))
            {
                try (JournalWriter writer = journal.writer(JournalPosition.EMPTY))
                {
                    writer.append(sweep.command, 0, sweep.commandLength, sweep.events());
                }
                // The reader checks the record's framing and checksum before it hands it on. Its links to
                // the records before it (event sequence) are taken as stored: this journal holds the sweep only.
                try (JournalReader reader = journal.reader().fromFirstAvailable())
                {
                    check(reader.poll(this::copy, 1) == 1, "the journaled sweep record was not read back");
                }
            }
            finally
            {
                PipelineRig.delete(directory);
            }
            check(verify() == storedChainHash, "CRC32C and the chain step over the record's bytes do not give the " +
                "chain hash its writer stored (has JournalRecord.CHECKSUMMED_FROM moved?)");
            System.out.printf("[tessera-perf] journal record of the sweep: %d bytes, %d of them checksummed%n", length,
                length - CHECKSUMMED_FROM);
        }

        private void copy(final JournalRecord journaled)
        {
            length = journaled.buffer().capacity();
            record = new UnsafeBuffer(ByteBuffer.allocateDirect(length));
            record.putBytes(0, journaled.buffer(), 0, length);
            address = record.addressOffset();
            storedChecksum = journaled.checksum();
            storedChainHash = journaled.chainHash();
        }

        /** The record's checksum and chain step, as the reader checks them; returns the chain hash (0 on a bad checksum). */
        long verify()
        {
            final int checksum = Crc32c.INSTANCE.compute(address, CHECKSUMMED_FROM, length - CHECKSUMMED_FROM);
            return checksum == storedChecksum ? JournalChain.next(JournalChain.GENESIS, checksum, FIRST_RECORD) : 0;
        }
    }

    /** The gateway's side of FIX: a client's NewOrderSingle to parse, an ExecutionReport to write. */
    @State(Scope.Thread)
    public static class Fix
    {
        private static final String CLIENT_COMP_ID = "LOAD001";
        private static final String GATEWAY_COMP_ID = "TESSERA";
        /** The gateway's default maxMessageBytes (reference.conf). */
        private static final int MAX_MESSAGE_BYTES = 8192;
        private static final int[] NEW_ORDER_SINGLE_REQUIRED = {Tags.CL_ORD_ID, Tags.SYMBOL, Tags.SIDE, Tags.ORDER_QTY,
            Tags.ORD_TYPE, Tags.TRANSACT_TIME};
        private static final int CLIENT_MSG_SEQ_NUM = 1_234;
        /** A busy session: SendingTime moves 1 us a report, so its date-and-time text changes every millionth. */
        private static final long SENDING_TIME_STEP_NS = 1_000;
        /** The fill was journaled this long before its report goes out (TransactTime is the event's time). */
        private static final long EVENT_TO_REPORT_NS = 50_000;
        /** AvgPx carries four decimals beyond the price's (the gateway's ExecutionReportPublisher). */
        private static final int AVG_PX_EXTRA_DECIMALS = 4;
        private static final long AVG_PX_EXTRA_FACTOR = 10_000;
        /** ExecID as the gateway makes it: the event sequence (the sweep's first trade) and the taker's role. */
        private static final long EXEC_ID = ExecIds.number(MatchedCommand.COMMAND_SEQUENCE + 1, ExecIds.ROLE_TAKER);

        private final String symbol = BenchInstrument.config().symbol();
        private final int priceScale = BenchInstrument.config().priceScale();
        private final FixFraming framing = new FixFraming(MAX_MESSAGE_BYTES);
        private final FixMessage message = new FixMessage();
        private final UnsafeBuffer inbound = new UnsafeBuffer(ByteBuffer.allocateDirect(2 * MAX_MESSAGE_BYTES));
        private final FixEncoder encoder = new FixEncoder();
        private final UnsafeBuffer outbound = new UnsafeBuffer(ByteBuffer.allocateDirect(MAX_MESSAGE_BYTES));
        /** ClientOrderIds.decode writes the ClOrdID's text here, as the gateway's report publisher does. */
        private final UnsafeBuffer clOrdIdText = new UnsafeBuffer(new byte[32]);
        private int newOrderSingleLength;
        private int msgSeqNum;
        private long sendingTime = MatchedCommand.COMMAND_TIMESTAMP + EVENT_TO_REPORT_NS;
        // The report: the sweep's first trade as its taker sees it.
        private long orderId = MatchedCommand.COMMAND_ORDER_ID;
        private long clOrdId = MatchedCommand.COMMAND_CLIENT_ORDER_ID;
        private long orderQty = MatchedCommand.SWEEP_QUANTITY;
        private long price = BenchInstrument.passivePrice(Side.SELL, MatchedCommand.LEVELS);
        private long lastQty = MatchedCommand.LEVEL_QUANTITY;
        private long lastPx = BenchInstrument.passivePrice(Side.SELL, 1);

        @Setup(Level.Trial)
        public void setUp()
        {
            JvmFlags.check();
            final ByteBuffer out = inbound.byteBuffer().duplicate();
            new FixWriter(CLIENT_COMP_ID, GATEWAY_COMP_ID).newOrderSingle(out, CLIENT_MSG_SEQ_NUM,
                TimeUnit.NANOSECONDS.toMillis(MatchedCommand.COMMAND_TIMESTAMP), clOrdId, symbol, '1', orderQty, price,
                priceScale, '3');
            newOrderSingleLength = out.position();
            parseNewOrderSingle();
            check(message.msgType() == MsgTypes.NEW_ORDER_SINGLE && message.longValue(Tags.ORDER_QTY) == orderQty &&
                message.decimalValue(Tags.PRICE, priceScale) == price, "the NewOrderSingle did not parse to what the client wrote");

            final int length = encodeExecutionReport();
            check(framing.frame(outbound, 0, length) == length && message.wrap(outbound, 0, length) &&
                message.msgType() == MsgTypes.EXECUTION_REPORT && message.longValue(Tags.CUM_QTY) == lastQty,
                "the ExecutionReport does not frame and parse back: " + framing.error() + ", " + message.rejectReason());
            System.out.printf("[tessera-perf] FIX NewOrderSingle %d bytes: %s%n[tessera-perf] FIX ExecutionReport %d bytes: %s%n",
                newOrderSingleLength, text(inbound, newOrderSingleLength), length, text(outbound, length));
        }

        /** Frames, indexes and reads the order as the gateway does before it becomes an engine command; returns a sum of the values. */
        long parseNewOrderSingle()
        {
            final int length = framing.frame(inbound, 0, newOrderSingleLength);
            if (length <= 0 || !message.wrap(inbound, 0, length) || !message.checkCompIds(CLIENT_COMP_ID, GATEWAY_COMP_ID) ||
                message.booleanValue(Tags.POSS_DUP_FLAG) || !message.checkRequired(NEW_ORDER_SINGLE_REQUIRED) ||
                !message.checkFormat(Tags.TRANSACT_TIME, FieldType.UTC_TIMESTAMP))
            {
                throw new IllegalStateException("the NewOrderSingle was refused: " + framing.error() + ", " +
                    message.rejectReason() + " (tag " + message.refTagId() + ")");
            }
            final int clOrdIdIndex = message.indexOf(Tags.CL_ORD_ID);
            return message.intValue(Tags.MSG_SEQ_NUM) +
                ClientOrderIds.encode(message.buffer(), message.valueOffsetAt(clOrdIdIndex),
                    message.valueLengthAt(clOrdIdIndex)) +
                (message.valueEquals(Tags.SYMBOL, symbol) ? 1 : 0) + message.charValue(Tags.SIDE) +
                message.charValue(Tags.ORD_TYPE) + message.charValue(Tags.TIME_IN_FORCE) + message.longValue(Tags.ORDER_QTY) +
                message.decimalValue(Tags.PRICE, priceScale) + message.indexOf(Tags.EXEC_INST);
        }

        /** The taker's ExecutionReport of a partial fill (ExecType F), fields in the gateway's order; returns its length. */
        int encodeExecutionReport()
        {
            sendingTime += SENDING_TIME_STEP_NS;
            encoder.wrap(outbound, 0)
                .begin(MsgTypes.EXECUTION_REPORT, GATEWAY_COMP_ID, CLIENT_COMP_ID, ++msgSeqNum, sendingTime)
                .putLong(Tags.ORDER_ID, orderId)
                .putString(Tags.CL_ORD_ID, clOrdIdText, 0, ClientOrderIds.decode(clOrdId, clOrdIdText, 0))
                .putLong(Tags.EXEC_ID, EXEC_ID)
                .putChar(Tags.EXEC_TYPE, 'F')
                .putChar(Tags.ORD_STATUS, '1')
                .putString(Tags.SYMBOL, symbol)
                .putChar(Tags.SIDE, '1')
                .putLong(Tags.ORDER_QTY, orderQty)
                .putChar(Tags.ORD_TYPE, '2')
                .putDecimal(Tags.PRICE, price, priceScale)
                .putChar(Tags.TIME_IN_FORCE, '3')
                .putLong(Tags.LAST_QTY, lastQty)
                .putDecimal(Tags.LAST_PX, lastPx, priceScale)
                .putLong(Tags.LEAVES_QTY, orderQty - lastQty)
                .putLong(Tags.CUM_QTY, lastQty)
                .putDecimal(Tags.AVG_PX, lastPx * AVG_PX_EXTRA_FACTOR, priceScale + AVG_PX_EXTRA_DECIMALS)
                .putUtcTimestamp(Tags.TRANSACT_TIME, sendingTime - EVENT_TO_REPORT_NS)
                .putChar(Tags.LAST_LIQUIDITY_IND, '2');
            return encoder.finish();
        }

        private static String text(final UnsafeBuffer buffer, final int length)
        {
            return buffer.getStringWithoutLengthAscii(0, length).replace('\u0001', '|');
        }
    }

    @Benchmark
    public int encodeNewOrder(final Commands state)
    {
        return state.encodeNewOrder(state.slot);
    }

    @Benchmark
    public long decodeNewOrder(final Commands state)
    {
        return state.decodeNewOrder();
    }

    @Benchmark
    public int encodeCancel(final Commands state)
    {
        return state.encodeCancel(state.slot);
    }

    @Benchmark
    public long decodeCancel(final Commands state)
    {
        return state.decodeCancel();
    }

    @Benchmark
    public int encodeReplace(final Commands state)
    {
        return state.encodeReplace(state.slot);
    }

    @Benchmark
    public long decodeReplace(final Commands state)
    {
        return state.decodeReplace();
    }

    /** The five events of one sweep (OrderAccepted, three Trades, OrderCancelled). */
    @Benchmark
    public int encodeSweepEvents(final Events state)
    {
        return state.encode();
    }

    /** The same five events, as the engine wrote them, through EventAdapter. */
    @Benchmark
    public long decodeSweepEvents(final Events state)
    {
        return state.decode();
    }

    /** CRC32C over a journaled sweep record and the hash-chain step: what verifying a record costs beyond reading it. */
    @Benchmark
    public long journalRecordChecksum(final Records state)
    {
        return state.verify();
    }

    @Benchmark
    public long fixParseNewOrderSingle(final Fix state)
    {
        return state.parseNewOrderSingle();
    }

    @Benchmark
    public int fixEncodeExecutionReport(final Fix state)
    {
        return state.encodeExecutionReport();
    }

    private static void check(final boolean condition, final String what)
    {
        if (!condition)
        {
            throw new IllegalStateException(what);
        }
    }
}
