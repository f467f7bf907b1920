package dev.tessera.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.Wire;
import net.openhft.chronicle.wire.WireType;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * What a journal's Chronicle metadata file ({@code metadata.cq4t}) says of the roll cycle the queue was created
 * with. Chronicle fixes the roll cycle at creation and, opening a queue with another one (its builder's default
 * when none is given), takes the stored one with a WARN "Overriding roll length from existing metadata". A journal
 * is therefore opened with the roll cycle it was written with, read here, whatever the configuration says.
 *
 * <p>The file's first document is its header: {@code header: !STStore { wireType: ..., metadata: !SCQMeta { roll:
 * !SCQSRoll { length: <ms>, format: <cycle file name pattern>, epoch: ... }, ... } }}. It is read with Chronicle
 * Wire's own reader, by field name, without loading Chronicle's internal metadata classes.
 */
final class QueueMetadata
{
    /** The header document is a few hundred bytes; Chronicle's whole file is 128 KiB of mostly zeros. */
    private static final int HEADER_BYTES_READ = 64 * 1024;

    private QueueMetadata()
    {
    }

    /**
     * The roll cycle the queue in {@code directory} was created with; empty when it has no metadata file yet (a new
     * journal) or the file does not name one of {@link RollCycles} (Chronicle then decides, as it always did).
     */
    static Optional<RollCycles> rollCycle(final Path directory)
    {
        final Roll roll = readRoll(directory);
        if (roll == null)
        {
            return Optional.empty(); // none yet, unreadable or unparsed: Chronicle's own open decides what it is
        }
        for (final RollCycles rollCycle : RollCycles.values())
        {
            if (rollCycle.format().equals(roll.format) && rollCycle.lengthInMillis() == roll.lengthMs)
            {
                return Optional.of(rollCycle);
            }
        }
        return Optional.empty();
    }

    /**
     * What is wrong with the metadata file's header, or null: none when there is no file, or its first header is
     * unbegun or unfinished (a writer killed while creating it: {@link Journal#openReadOnly} names that, the
     * writer's open settles it). A complete header that does not read as Chronicle's description of the queue (a
     * roll length and cycle file name format) is damage: Chronicle, opening such a file, waits 10 s for a lock and
     * then names a lock, not the damage; the writer's open does not rewrite it.
     */
    static String headerDamage(final Path directory)
    {
        final Path file = directory.resolve(SingleChronicleQueue.QUEUE_METADATA_FILE);
        if (!Files.exists(file))
        {
            return null;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
        {
            if (new CycleFileHeaders(channel, Integer.BYTES).at(0) != CycleFileHeaders.Found.DOCUMENT)
            {
                return null;
            }
        }
        catch (final IOException ex)
        {
            return null; // unreadable: Chronicle's own open reports it
        }
        return readRoll(directory) == null ? "its header, Chronicle's description of the queue, cannot be read (no " +
            "roll cycle length and cycle file name format in it)" : null;
    }

    /** The roll length and format of the header, or null when there is no file or they cannot be read. */
    private static Roll readRoll(final Path directory)
    {
        final byte[] header;
        try (InputStream in = Files.newInputStream(directory.resolve(SingleChronicleQueue.QUEUE_METADATA_FILE)))
        {
            header = in.readNBytes(HEADER_BYTES_READ);
        }
        catch (final IOException ex)
        {
            return null; // none yet (NoSuchFileException), or unreadable
        }
        final Roll roll = new Roll();
        try
        {
            final Wire wire = WireType.BINARY_LIGHT.apply(Bytes.wrapForRead(header));
            // The types (STStore, SCQMeta, SCQSRoll) are read as names only: their classes are Chronicle's internals.
            wire.readDocument(document -> document.read("header").typePrefix(null, QueueMetadata::ignoreType)
                .marshallable(store -> store.read("metadata").typePrefix(null, QueueMetadata::ignoreType)
                    .marshallable(meta -> meta.read("roll").typePrefix(null, QueueMetadata::ignoreType)
                        .marshallable(fields ->
                        {
                            roll.lengthMs = fields.read("length").int64();
                            roll.format = fields.read("format").text();
                        }))), null);
        }
        catch (final RuntimeException ex)
        {
            return null; // a header not (yet) as above
        }
        return roll.lengthMs > 0 && roll.format != null && !roll.format.isEmpty() ? roll : null;
    }

    private static final class Roll
    {
        private long lengthMs;
        private String format;
    }

    private static void ignoreType(final Object unused, final CharSequence typeName)
    {
        // the type is known from where it stands
    }
}
