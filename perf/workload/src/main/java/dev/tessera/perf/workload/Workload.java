package dev.tessera.perf.workload;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * One command sequence that both engines of the comparison run: a prologue (the start book, sent once)
 * and a cyclic body (sent over and over; it ends in the state it started from, so wrapping around stays
 * valid). Written by Tessera's generator, read by every JVM that runs it, exchange-core's included, so
 * the two sides run the same commands by construction; {@link #fingerprint()} proves it after the fact.
 *
 * <p>The commands are those both engines have: place (GTC or IOC limit), cancel, move (new price, same
 * quantity, loses priority) and reduce (smaller quantity, same price, keeps priority). Each order has a
 * {@code orderKey}, fixed for its whole life (exchange-core's orderId), and the client order ids Tessera
 * addresses it by: a move or reduce gives it a new {@code clientOrderId} and names the old one in
 * {@code origClientOrderId}, as a FIX replace does. A reduce carries both the new total quantity
 * (Tessera) and the amount taken off (exchange-core). Prices and quantities are fixed-point longs.
 *
 * <p>The cumulative trade count before each body position ({@link #tradesBefore}) lets any engine check
 * that it followed the generator's path: after n commands it must have made exactly
 * {@link #expectedTrades(long)} trades.
 */
public final class Workload
{
    public static final byte PLACE = 1;
    public static final byte CANCEL = 2;
    public static final byte MOVE = 3;
    public static final byte REDUCE = 4;

    public static final byte BUY = 0;
    public static final byte SELL = 1;

    public static final byte GTC = 0;
    public static final byte IOC = 1;

    private static final int MAGIC = 0x54574B4C; // "TWKL"
    private static final int VERSION = 1;

    private final String description;
    private final int instrumentId;
    private final int prologueCount;
    private final int bodyCount;
    private final byte[] kind;
    private final byte[] side;
    private final byte[] timeInForce;
    private final int[] owner;
    private final long[] orderKey;
    private final long[] clientOrderId;
    private final long[] origClientOrderId;
    private final long[] price;
    private final long[] quantity;
    private final long[] reduceBy;
    private final long[] tradesBefore;

    private Workload(
        final String description, final int instrumentId, final int prologueCount, final int bodyCount, final byte[] kind,
        final byte[] side, final byte[] timeInForce, final int[] owner, final long[] orderKey, final long[] clientOrderId,
        final long[] origClientOrderId, final long[] price, final long[] quantity, final long[] reduceBy, final long[] tradesBefore)
    {
        if (bodyCount < 1 || tradesBefore.length != bodyCount + 1)
        {
            throw new IllegalArgumentException("a workload needs a body and one trade count per body position");
        }
        this.description = description;
        this.instrumentId = instrumentId;
        this.prologueCount = prologueCount;
        this.bodyCount = bodyCount;
        this.kind = kind;
        this.side = side;
        this.timeInForce = timeInForce;
        this.owner = owner;
        this.orderKey = orderKey;
        this.clientOrderId = clientOrderId;
        this.origClientOrderId = origClientOrderId;
        this.price = price;
        this.quantity = quantity;
        this.reduceBy = reduceBy;
        this.tradesBefore = tradesBefore;
    }

    public String description()
    {
        return description;
    }

    public int instrumentId()
    {
        return instrumentId;
    }

    public int prologueCount()
    {
        return prologueCount;
    }

    public int bodyCount()
    {
        return bodyCount;
    }

    /** Commands stored (prologue and one body). */
    public int length()
    {
        return prologueCount + bodyCount;
    }

    /** Where the {@code n}-th command sent (0-based) is stored: the prologue once, then the body over and over. */
    public int position(final long n)
    {
        return n < prologueCount ? (int)n : prologueCount + (int)((n - prologueCount) % bodyCount);
    }

    public byte kind(final int i)
    {
        return kind[i];
    }

    public byte side(final int i)
    {
        return side[i];
    }

    public byte timeInForce(final int i)
    {
        return timeInForce[i];
    }

    public int owner(final int i)
    {
        return owner[i];
    }

    public long orderKey(final int i)
    {
        return orderKey[i];
    }

    public long clientOrderId(final int i)
    {
        return clientOrderId[i];
    }

    public long origClientOrderId(final int i)
    {
        return origClientOrderId[i];
    }

    public long price(final int i)
    {
        return price[i];
    }

    /** Place: the order's quantity; reduce: the new total; otherwise 0. */
    public long quantity(final int i)
    {
        return quantity[i];
    }

    /** Reduce: how much the total goes down; otherwise 0. */
    public long reduceBy(final int i)
    {
        return reduceBy[i];
    }

    /** Trades the generator's engine made in the first {@code commands} commands sent (the prologue only rests orders). */
    public long expectedTrades(final long commands)
    {
        if (commands <= prologueCount)
        {
            return 0;
        }
        final long body = commands - prologueCount;
        return body / bodyCount * tradesBefore[bodyCount] + tradesBefore[(int)(body % bodyCount)];
    }

    /** Commands of each kind in the body, for the report: "move 71.1% reduce 7.2% ...". */
    public String composition()
    {
        final int[] counts = new int[5];
        int ioc = 0;
        for (int i = prologueCount; i < length(); i++)
        {
            counts[kind[i]]++;
            if (kind[i] == PLACE && timeInForce[i] == IOC)
            {
                ioc++;
            }
        }
        final double n = bodyCount / 100.0;
        return String.format("%,d body commands: place GTC %.1f%%, place IOC %.1f%%, cancel %.1f%%, move %.1f%%, reduce %.1f%%; " +
            "%,d trades per body pass; prologue %,d commands",
            bodyCount, (counts[PLACE] - ioc) / n, ioc / n, counts[CANCEL] / n, counts[MOVE] / n, counts[REDUCE] / n,
            tradesBefore[bodyCount], prologueCount);
    }

    /** A 64-bit digest of every field of every command (and the trade counts): equal means the same workload. */
    public long fingerprint()
    {
        long hash = 0x6A09E667F3BCC908L;
        hash = fold(hash, instrumentId);
        hash = fold(hash, prologueCount);
        hash = fold(hash, bodyCount);
        for (int i = 0; i < length(); i++)
        {
            hash = fold(hash, ((long)kind[i] << 16) | ((long)side[i] << 8) | timeInForce[i]);
            hash = fold(hash, owner[i]);
            hash = fold(hash, orderKey[i]);
            hash = fold(hash, clientOrderId[i]);
            hash = fold(hash, origClientOrderId[i]);
            hash = fold(hash, price[i]);
            hash = fold(hash, quantity[i]);
            hash = fold(hash, reduceBy[i]);
        }
        for (final long trades : tradesBefore)
        {
            hash = fold(hash, trades);
        }
        return hash;
    }

    private static long fold(final long hash, final long value)
    {
        // splitmix64's finaliser over (hash + value): every bit of either reaches every bit of the result.
        long z = hash * 31 + value + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    // ------------------------------------------------------------------ file

    public void write(final Path file)
    {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)))
        {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeUTF(description);
            out.writeInt(instrumentId);
            out.writeInt(prologueCount);
            out.writeInt(bodyCount);
            for (int i = 0; i < length(); i++)
            {
                out.writeByte(kind[i]);
                out.writeByte(side[i]);
                out.writeByte(timeInForce[i]);
                out.writeInt(owner[i]);
                out.writeLong(orderKey[i]);
                out.writeLong(clientOrderId[i]);
                out.writeLong(origClientOrderId[i]);
                out.writeLong(price[i]);
                out.writeLong(quantity[i]);
                out.writeLong(reduceBy[i]);
            }
            for (final long trades : tradesBefore)
            {
                out.writeLong(trades);
            }
            out.writeLong(fingerprint());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write the workload " + file, ex);
        }
    }

    /** Reads a workload file; fails if it is not one, or if its stored fingerprint does not match its content. */
    public static Workload read(final Path file)
    {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16)))
        {
            if (in.readInt() != MAGIC || in.readInt() != VERSION)
            {
                throw new IllegalArgumentException(file + " is not a version " + VERSION + " workload file");
            }
            final String description = in.readUTF();
            final int instrumentId = in.readInt();
            final int prologueCount = in.readInt();
            final int bodyCount = in.readInt();
            final Builder builder = new Builder(prologueCount + bodyCount);
            for (int i = 0; i < prologueCount + bodyCount; i++)
            {
                builder.add(in.readByte(), in.readByte(), in.readByte(), in.readInt(), in.readLong(), in.readLong(), in.readLong(),
                    in.readLong(), in.readLong(), in.readLong());
            }
            final long[] tradesBefore = new long[bodyCount + 1];
            for (int i = 0; i <= bodyCount; i++)
            {
                tradesBefore[i] = in.readLong();
            }
            final long stored = in.readLong();
            final Workload workload = builder.build(description, instrumentId, prologueCount, tradesBefore);
            if (workload.fingerprint() != stored)
            {
                throw new IllegalArgumentException(file + ": the content does not match its fingerprint " + Long.toHexString(stored));
            }
            return workload;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read the workload " + file, ex);
        }
    }

    /** Collects commands in order; the first {@code prologueCount} given to {@link #build} are the prologue. */
    public static final class Builder
    {
        private int size;
        private byte[] kind;
        private byte[] side;
        private byte[] timeInForce;
        private int[] owner;
        private long[] orderKey;
        private long[] clientOrderId;
        private long[] origClientOrderId;
        private long[] price;
        private long[] quantity;
        private long[] reduceBy;

        public Builder(final int expectedCommands)
        {
            final int capacity = Math.max(16, expectedCommands);
            kind = new byte[capacity];
            side = new byte[capacity];
            timeInForce = new byte[capacity];
            owner = new int[capacity];
            orderKey = new long[capacity];
            clientOrderId = new long[capacity];
            origClientOrderId = new long[capacity];
            price = new long[capacity];
            quantity = new long[capacity];
            reduceBy = new long[capacity];
        }

        public int size()
        {
            return size;
        }

        public Builder place(
            final int owner, final long orderKey, final long clientOrderId, final byte side, final byte timeInForce,
            final long price, final long quantity)
        {
            return add(PLACE, side, timeInForce, owner, orderKey, clientOrderId, 0, price, quantity, 0);
        }

        public Builder cancel(final int owner, final long orderKey, final long origClientOrderId, final long clientOrderId)
        {
            return add(CANCEL, BUY, GTC, owner, orderKey, clientOrderId, origClientOrderId, 0, 0, 0);
        }

        public Builder move(
            final int owner, final long orderKey, final long origClientOrderId, final long clientOrderId, final long newPrice)
        {
            return add(MOVE, BUY, GTC, owner, orderKey, clientOrderId, origClientOrderId, newPrice, 0, 0);
        }

        public Builder reduce(
            final int owner, final long orderKey, final long origClientOrderId, final long clientOrderId, final long newQuantity,
            final long reduceBy)
        {
            return add(REDUCE, BUY, GTC, owner, orderKey, clientOrderId, origClientOrderId, 0, newQuantity, reduceBy);
        }

        /** Any command, every field given (what {@link #read} does; the named methods say what each kind uses). */
        public Builder add(
            final byte kind, final byte side, final byte timeInForce, final int owner, final long orderKey, final long clientOrderId,
            final long origClientOrderId, final long price, final long quantity, final long reduceBy)
        {
            if (kind < PLACE || kind > REDUCE || side < BUY || side > SELL || timeInForce < GTC || timeInForce > IOC)
            {
                throw new IllegalArgumentException("not a workload command: kind " + kind + " side " + side + " tif " + timeInForce);
            }
            if (size == this.kind.length)
            {
                grow();
            }
            this.kind[size] = kind;
            this.side[size] = side;
            this.timeInForce[size] = timeInForce;
            this.owner[size] = owner;
            this.orderKey[size] = orderKey;
            this.clientOrderId[size] = clientOrderId;
            this.origClientOrderId[size] = origClientOrderId;
            this.price[size] = price;
            this.quantity[size] = quantity;
            this.reduceBy[size] = reduceBy;
            size++;
            return this;
        }

        private void grow()
        {
            final int capacity = kind.length * 2;
            kind = Arrays.copyOf(kind, capacity);
            side = Arrays.copyOf(side, capacity);
            timeInForce = Arrays.copyOf(timeInForce, capacity);
            owner = Arrays.copyOf(owner, capacity);
            orderKey = Arrays.copyOf(orderKey, capacity);
            clientOrderId = Arrays.copyOf(clientOrderId, capacity);
            origClientOrderId = Arrays.copyOf(origClientOrderId, capacity);
            price = Arrays.copyOf(price, capacity);
            quantity = Arrays.copyOf(quantity, capacity);
            reduceBy = Arrays.copyOf(reduceBy, capacity);
        }

        public Workload build(final String description, final int instrumentId, final int prologueCount, final long[] tradesBefore)
        {
            return new Workload(description, instrumentId, prologueCount, size - prologueCount,
                Arrays.copyOf(kind, size), Arrays.copyOf(side, size), Arrays.copyOf(timeInForce, size), Arrays.copyOf(owner, size),
                Arrays.copyOf(orderKey, size), Arrays.copyOf(clientOrderId, size), Arrays.copyOf(origClientOrderId, size),
                Arrays.copyOf(price, size), Arrays.copyOf(quantity, size), Arrays.copyOf(reduceBy, size), tradesBefore.clone());
        }
    }
}
