package dev.tessera.simulation;

import dev.tessera.config.Durability;
import dev.tessera.config.InstrumentConfig;
import dev.tessera.config.JournalConfig;
import dev.tessera.config.SelfTradePrevention;
import dev.tessera.engine.CommandEncoder;
import dev.tessera.engine.MatchingEngine;
import dev.tessera.engine.codec.OrderType;
import dev.tessera.engine.codec.Side;
import dev.tessera.engine.codec.TimeInForce;
import dev.tessera.journal.Journal;
import dev.tessera.journal.JournalPosition;
import dev.tessera.journal.JournalWriter;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A small recorded history for simulation tests: one instrument (scale 2, tick 0.01), a trade, an
 * order at 100.01, a self-trade attempt (record {@value #SELF_TRADE_RECORD}), an IOC sweep and a mass
 * cancel, 1 ms apart. Recorded with self-trade prevention CANCEL_INCOMING.
 */
final class RecordedFlow
{
    static final int INSTRUMENT = 1;
    static final long START_NANOS = 1_795_327_200_000_000_000L;
    /** The record whose command (owner 1 buys into its own offer) meets self-trade prevention. */
    static final int SELF_TRADE_RECORD = 4;
    /** The record priced at 100.01: off the tick of a 0.05-tick what-if. */
    static final int ODD_PRICE_RECORD = 3;

    private RecordedFlow()
    {
    }

    static InstrumentConfig instrument(final long tick, final SelfTradePrevention selfTradePrevention)
    {
        return new InstrumentConfig("SIM", INSTRUMENT, 2, tick, 1, 1, 1_000_000, 10_000, 0, selfTradePrevention);
    }

    static List<InstrumentConfig> recorded()
    {
        return List.of(instrument(1, SelfTradePrevention.CANCEL_INCOMING));
    }

    static List<byte[]> commands()
    {
        final CommandEncoder encoder = new CommandEncoder();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[CommandEncoder.MAX_COMMAND_LENGTH]);
        final List<byte[]> commands = new ArrayList<>();
        long sequence = 0;
        commands.add(copy(buffer, encoder.newOrder(buffer, 0, ++sequence, time(sequence), 1, INSTRUMENT, 1, Side.SELL,
            OrderType.LIMIT, TimeInForce.GTC, false, 10_000, 10)));
        commands.add(copy(buffer, encoder.newOrder(buffer, 0, ++sequence, time(sequence), 2, INSTRUMENT, 1, Side.BUY,
            OrderType.LIMIT, TimeInForce.GTC, false, 10_000, 4)));
        commands.add(copy(buffer, encoder.newOrder(buffer, 0, ++sequence, time(sequence), 1, INSTRUMENT, 2, Side.SELL,
            OrderType.LIMIT, TimeInForce.GTC, false, 10_001, 5)));
        commands.add(copy(buffer, encoder.newOrder(buffer, 0, ++sequence, time(sequence), 1, INSTRUMENT, 3, Side.BUY,
            OrderType.LIMIT, TimeInForce.GTC, false, 10_000, 3)));
        commands.add(copy(buffer, encoder.newOrder(buffer, 0, ++sequence, time(sequence), 2, INSTRUMENT, 2, Side.BUY,
            OrderType.LIMIT, TimeInForce.IOC, false, 10_005, 5)));
        commands.add(copy(buffer, encoder.newOrder(buffer, 0, ++sequence, time(sequence), 2, INSTRUMENT, 3, Side.BUY,
            OrderType.LIMIT, TimeInForce.GTC, false, 9_990, 7)));
        commands.add(copy(buffer, encoder.massCancel(buffer, 0, ++sequence, time(sequence), 1, 9, 0)));
        return commands;
    }

    private static long time(final long sequence)
    {
        return START_NANOS + sequence * 1_000_000;
    }

    private static byte[] copy(final UnsafeBuffer buffer, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(0, bytes);
        return bytes;
    }

    static JournalConfig journalConfig(final Path directory)
    {
        return new JournalConfig(directory, "FAST_DAILY", Durability.PROCESS);
    }

    /** Runs the commands through an engine with {@code instruments} and journals each with its events. */
    static void record(final Path directory, final List<InstrumentConfig> instruments, final List<byte[]> commands)
    {
        final MatchingEngine engine = new MatchingEngine(instruments);
        try (Journal journal = Journal.open(journalConfig(directory));
            JournalWriter writer = journal.writer(JournalPosition.EMPTY))
        {
            for (final byte[] command : commands)
            {
                final UnsafeBuffer buffer = new UnsafeBuffer(command);
                engine.onCommand(buffer, 0, command.length);
                writer.append(buffer, 0, command.length, engine.events());
            }
            writer.endOfBatch();
        }
    }

    /** SHA-256 of every file under {@code directory}, by relative path: to prove nothing changed. */
    static Map<String, String> fingerprint(final Path directory)
    {
        final Map<String, String> digests = new TreeMap<>();
        try (Stream<Path> files = Files.walk(directory))
        {
            for (final Path file : files.filter(Files::isRegularFile).toList())
            {
                final MessageDigest digest = MessageDigest.getInstance("SHA-256");
                try (InputStream in = Files.newInputStream(file))
                {
                    final byte[] chunk = new byte[1 << 16];
                    for (int read = in.read(chunk); read > 0; read = in.read(chunk))
                    {
                        digest.update(chunk, 0, read);
                    }
                }
                digests.put(directory.relativize(file).toString(), HexFormat.of().formatHex(digest.digest()));
            }
            return digests;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
