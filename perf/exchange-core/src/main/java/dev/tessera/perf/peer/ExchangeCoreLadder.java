package dev.tessera.perf.peer;

import dev.tessera.perf.workload.HarnessArgs;
import dev.tessera.perf.workload.LatencyTracker;
import dev.tessera.perf.workload.RateLadder;
import dev.tessera.perf.workload.StepResult;
import dev.tessera.perf.workload.Workload;
import exchange.core2.core.ExchangeApi;
import exchange.core2.core.ExchangeCore;
import exchange.core2.core.common.CoreSymbolSpecification;
import exchange.core2.core.common.CoreWaitStrategy;
import exchange.core2.core.common.MatcherEventType;
import exchange.core2.core.common.MatcherTradeEvent;
import exchange.core2.core.common.OrderAction;
import exchange.core2.core.common.OrderType;
import exchange.core2.core.common.SymbolType;
import exchange.core2.core.common.api.ApiAddUser;
import exchange.core2.core.common.api.ApiCancelOrder;
import exchange.core2.core.common.api.ApiCommand;
import exchange.core2.core.common.api.ApiMoveOrder;
import exchange.core2.core.common.api.ApiPlaceOrder;
import exchange.core2.core.common.api.ApiReduceOrder;
import exchange.core2.core.common.api.binary.BatchAddSymbolsCommand;
import exchange.core2.core.common.cmd.CommandResultCode;
import exchange.core2.core.common.cmd.OrderCommand;
import exchange.core2.core.common.cmd.OrderCommandType;
import exchange.core2.core.common.config.ExchangeConfiguration;
import exchange.core2.core.common.config.InitialStateConfiguration;
import exchange.core2.core.common.config.OrdersProcessingConfiguration;
import exchange.core2.core.common.config.PerformanceConfiguration;
import exchange.core2.core.common.config.SerializationConfiguration;
import exchange.core2.core.orderbook.OrderBookDirectImpl;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The comparison peer: exchange-core 0.5.3 through the same rate ladder as Tessera
 * ({@link RateLadder}), on the same workload file, in a JVM of its own (its Disruptor 3, Chronicle
 * Wire 2.19 and Agrona 1.4 never meet Tessera's).
 *
 * <p>Set up as exchange-core's own latency test (its {@code LatencyTestsModule}) sets itself up: the
 * commands are {@code ApiCommand} objects built before the clock starts and sent with
 * {@code ExchangeApi.submitCommand}, and a command is complete when exchange-core's results consumer
 * (the last stage of its pipeline, after matching and risk release) sees it. Its settings are its
 * simplest and the closest to Tessera's: risk processing off ({@code NO_RISK_PROCESSING}, margin
 * trading off), one matching engine and one risk engine, its {@code OrderBookDirectImpl} (the book of
 * its published benchmarks), no journaling and no snapshots (its {@code SerializationConfiguration.DEFAULT}),
 * a ring of 65,536 slots like Tessera's, and the wait strategy given ({@code BLOCKING} by default: on
 * 2 cores its 5 pipeline threads plus the producer cannot spin). Grouping keeps its defaults (256
 * messages or 10 us per group).
 *
 * <p>Checks: every order command must answer SUCCESS, and the trades must be exactly those the
 * generator's engine made ({@link Workload#expectedTrades}): exchange-core followed the same path.
 *
 * <pre>
 * java -jar perf/exchange-core/target/exchange-core-bench.jar --workload FILE [--rates 10000,100000,...]
 *     [--warmup 10] [--warmup-rate 100000] [--lead-in 1] [--measure 5] [--wait BLOCKING|YIELDING]
 *     [--ring-size 65536] [--hgrm-dir DIR]
 * </pre>
 */
public final class ExchangeCoreLadder
{
    static final String SYSTEM = "exchange-core";
    private static final int SYMBOL = 1;

    private final Workload workload;
    private final ApiCommand[] commands;
    private String system = SYSTEM;
    private final LatencyTracker tracker = new LatencyTracker(1 << 22);
    private final AtomicReference<String> failure = new AtomicReference<>();
    private volatile boolean measuring;
    private long trades;
    private long rejected;
    private ExchangeCore core;
    private ExchangeApi api;

    ExchangeCoreLadder(final Workload workload)
    {
        this.workload = workload;
        this.commands = commands(workload);
    }

    public static void main(final String[] args)
    {
        final HarnessArgs options = new HarnessArgs(args);
        final Path file = Path.of(options.string("workload", "workload.bin",
            "the workload file Tessera's latency harness wrote (--write-workload): the commands both sides run"));
        final long[] rates = options.longs("rates", "10000,100000,500000,1000000,2000000", 1,
            "offered rates of the ladder, commands/s, each a measured step; the ladder stops after the first saturated one");
        final double warmup = options.decimal("warmup", 10, 0,
            "seconds of warm-up at --warmup-rate before the ladder, not recorded");
        final long warmupRate = options.longValue("warmup-rate", 100_000, 1, "the warm-up's rate, commands/s");
        final double leadIn = options.decimal("lead-in", 1, 0, "seconds at each rate before its measured window, not recorded");
        final double measure = options.positive("measure", 5, "seconds measured at each rate");
        final CoreWaitStrategy wait = options.oneOf("wait", CoreWaitStrategy.class, CoreWaitStrategy.BLOCKING,
            "exchange-core's wait strategy (on 2 cores its 5 pipeline threads and the producer cannot spin)");
        final int ringSize = options.powerOfTwo("ring-size", 65_536,
            "slots of exchange-core's ring (a power of two), as Tessera's");
        final String hgrmDir = options.string("hgrm-dir", "",
            "a directory to write each step's latency histogram to (.hgrm, HdrHistogram's percentile format)");
        options.requireAllUsed();
        System.out.printf("[exchange-core] ExchangeCoreLadder %s%n[exchange-core] %d CPUs, %s %s, max heap %d MiB, JVM flags %s%n",
            options.describe(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
            System.getProperty("java.vm.version"), Runtime.getRuntime().maxMemory() >> 20,
            ManagementFactory.getRuntimeMXBean().getInputArguments());

        final Workload workload = Workload.read(file);
        System.out.printf("[exchange-core] workload %s: %s%n[exchange-core] %s; fingerprint %016x%n", file, workload.description(),
            workload.composition(), workload.fingerprint());
        final ExchangeCoreLadder ladder = new ExchangeCoreLadder(workload);
        ladder.start(wait, ringSize);
        try
        {
            final RateLadder.Settings settings = new RateLadder.Settings(rates, warmup, warmupRate, leadIn, measure);
            final List<StepResult> results = ladder.run(settings, hgrmDir.isEmpty() ? null : Path.of(hgrmDir));
            System.out.printf("[exchange-core] %d steps; %,d trades, every command SUCCESS, as the workload's generator matched%n",
                results.size(), ladder.trades);
        }
        finally
        {
            ladder.core.shutdown(10, TimeUnit.SECONDS);
        }
    }

    /** Starts exchange-core with one symbol and every owner of the workload as a user. */
    void start(final CoreWaitStrategy wait, final int ringSize)
    {
        final ExchangeConfiguration configuration = ExchangeConfiguration.defaultBuilder()
            .ordersProcessingCfg(OrdersProcessingConfiguration.builder()
                .riskProcessingMode(OrdersProcessingConfiguration.RiskProcessingMode.NO_RISK_PROCESSING)
                .marginTradingMode(OrdersProcessingConfiguration.MarginTradingMode.MARGIN_TRADING_DISABLED)
                .build())
            .performanceCfg(PerformanceConfiguration.baseBuilder()
                .ringBufferSize(ringSize)
                .matchingEnginesNum(1)
                .riskEnginesNum(1)
                .waitStrategy(wait)
                .orderBookFactory(OrderBookDirectImpl::new)
                .threadFactory(runnable ->
                {
                    final Thread thread = new Thread(runnable);
                    thread.setDaemon(true);
                    return thread;
                })
                .build())
            .initStateCfg(InitialStateConfiguration.cleanStart("TESSERA-PEER"))
            .serializationCfg(SerializationConfiguration.DEFAULT)
            .build();
        core = ExchangeCore.builder().resultsConsumer((command, sequence) -> onResult(command)).exchangeConfiguration(configuration).build();
        core.startup();
        api = core.getApi();

        final CoreSymbolSpecification symbol = CoreSymbolSpecification.builder()
            .symbolId(SYMBOL).type(SymbolType.CURRENCY_EXCHANGE_PAIR).baseCurrency(1).quoteCurrency(2)
            .baseScaleK(1).quoteScaleK(1).takerFee(0).makerFee(0).build();
        await(api.submitBinaryDataAsync(new BatchAddSymbolsCommand(symbol)).join(), "add symbol");
        final TreeSet<Integer> owners = new TreeSet<>();
        for (int i = 0; i < workload.length(); i++)
        {
            owners.add(workload.owner(i));
        }
        for (final int owner : owners)
        {
            await(api.submitCommandAsync(ApiAddUser.builder().uid(owner).build()).join(), "add user " + owner);
        }
        // BLOCKING is the suite's setting; another wait strategy is another system in the report.
        system = wait == CoreWaitStrategy.BLOCKING ? SYSTEM : SYSTEM + "-" + wait.name().toLowerCase(Locale.ROOT);
        System.out.printf("[exchange-core] started: %s, risk NO_RISK_PROCESSING, 1 matching + 1 risk engine, " +
            "OrderBookDirectImpl, no journaling, ring %,d, %d users%n", wait, ringSize, owners.size());
    }

    private static void await(final CommandResultCode result, final String what)
    {
        if (result != CommandResultCode.SUCCESS)
        {
            throw new IllegalStateException("exchange-core: " + what + " answered " + result);
        }
    }

    List<StepResult> run(final RateLadder.Settings settings, final Path hgrmDirectory)
    {
        measuring = true;
        final RateLadder ladder = new RateLadder(system, new RateLadder.Target()
        {
            @Override
            public boolean offer(final long n)
            {
                api.submitCommand(commands[workload.position(n)]);
                return true;
            }

            @Override
            public void checkRunning()
            {
                final String failed = failure.get();
                if (failed != null)
                {
                    throw new IllegalStateException("exchange-core did not follow the workload: " + failed);
                }
            }
        }, tracker, settings, hgrmDirectory);
        final List<StepResult> results = ladder.run(workload.prologueCount());
        verify(ladder.sent());
        return results;
    }

    /** After {@code sent} commands, all completed: no reject, and the generator's trades exactly. */
    void verify(final long sent)
    {
        if (tracker.completed() != sent || rejected != 0 || trades != workload.expectedTrades(sent) || failure.get() != null)
        {
            throw new IllegalStateException(String.format("exchange-core after %,d commands (%,d completed): %,d trades where the " +
                "workload's generator made %,d, %,d rejected; %s", sent, tracker.completed(), trades, workload.expectedTrades(sent),
                rejected, failure.get()));
        }
    }

    long trades()
    {
        return trades;
    }

    /** exchange-core's results consumer: its last pipeline stage, one thread, in command order. */
    private void onResult(final OrderCommand command)
    {
        if (!measuring || !isOrderCommand(command.command))
        {
            // Set-up commands (symbol, users) are answered through their futures.
            return;
        }
        if (command.resultCode != CommandResultCode.SUCCESS)
        {
            rejected++;
            failure.compareAndSet(null, command.command + " order " + command.orderId + " answered " + command.resultCode);
        }
        for (MatcherTradeEvent event = command.matcherEvent; event != null; event = event.nextEvent)
        {
            if (event.eventType == MatcherEventType.TRADE)
            {
                trades++;
            }
            else if (event.eventType == MatcherEventType.REJECT && command.orderType != OrderType.IOC)
            {
                // An IOC's unfilled rest comes back as a REJECT; anything else rejected (a duplicate order id,
                // which exchange-core answers with SUCCESS and a warning) means the paths differ.
                rejected++;
                failure.compareAndSet(null, command.command + " order " + command.orderId + " had a REJECT event");
            }
        }
        tracker.onCompleted(System.nanoTime());
    }

    private static boolean isOrderCommand(final OrderCommandType type)
    {
        return type == OrderCommandType.PLACE_ORDER || type == OrderCommandType.CANCEL_ORDER ||
            type == OrderCommandType.MOVE_ORDER || type == OrderCommandType.REDUCE_ORDER;
    }

    /** The workload as exchange-core API commands, built once before the clock starts (as its own tests do). */
    static ApiCommand[] commands(final Workload workload)
    {
        // exchange-core refuses to move a bid above the price it reserved funds for, even with risk
        // processing off: every bid reserves the highest price the workload ever names.
        long highestPrice = 0;
        for (int i = 0; i < workload.length(); i++)
        {
            highestPrice = Math.max(highestPrice, workload.price(i));
        }
        final ApiCommand[] commands = new ApiCommand[workload.length()];
        for (int i = 0; i < commands.length; i++)
        {
            final long uid = workload.owner(i);
            final long orderId = workload.orderKey(i);
            switch (workload.kind(i))
            {
                case Workload.PLACE:
                    commands[i] = ApiPlaceOrder.builder().uid(uid).orderId(orderId).price(workload.price(i))
                        .reservePrice(workload.side(i) == Workload.BUY ? highestPrice : workload.price(i)).size(workload.quantity(i))
                        .action(workload.side(i) == Workload.BUY ? OrderAction.BID : OrderAction.ASK)
                        .orderType(workload.timeInForce(i) == Workload.IOC ? OrderType.IOC : OrderType.GTC)
                        .symbol(SYMBOL).build();
                    break;
                case Workload.CANCEL:
                    commands[i] = ApiCancelOrder.builder().uid(uid).orderId(orderId).symbol(SYMBOL).build();
                    break;
                case Workload.MOVE:
                    commands[i] = ApiMoveOrder.builder().uid(uid).orderId(orderId).newPrice(workload.price(i)).symbol(SYMBOL).build();
                    break;
                case Workload.REDUCE:
                    commands[i] = ApiReduceOrder.builder().uid(uid).orderId(orderId).reduceSize(workload.reduceBy(i))
                        .symbol(SYMBOL).build();
                    break;
                default:
                    throw new IllegalArgumentException("command " + i + ": exchange-core has no command of kind " + workload.kind(i));
            }
        }
        return commands;
    }
}
