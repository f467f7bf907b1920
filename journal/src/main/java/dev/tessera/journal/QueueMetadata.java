package dev.tessera.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.Wire;
import net.openhft.chronicle.wire.WireType;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
        final byte[] header;
        try (InputStream in = Files.newInputStream(directory.resolve(SingleChronicleQueue.QUEUE_METADATA_FILE)))
        {
            header = in.readNBytes(HEADER_BYTES_READ);
        }
        catch (final IOException ex)
        {
            return Optional.empty(); // none yet (NoSuchFileException), or unreadable: Chronicle's own open reports it
        }
        return rollCycle(header);
    }

    private static Optional<RollCycles> rollCycle(final byte[] header)
    {
        final long[] length = new long[1];
        final String[] format = new String[1];
        try
        {
            final Wire wire = WireType.BINARY_LIGHT.apply(Bytes.wrapForRead(header));
            // The types (STStore, SCQMeta, SCQSRoll) are read as names only: their classes are Chronicle's internals.
            wire.readDocument(document -> document.read("header").typePrefix(null, QueueMetadata::ignoreType)
                .marshallable(store -> store.read("metadata").typePrefix(null, QueueMetadata::ignoreType)
                    .marshallable(meta -> meta.read("roll").typePrefix(null, QueueMetadata::ignoreType)
                        .marshallable(roll ->
                        {
                            length[0] = roll.read("length").int64();
                            format[0] = roll.read("format").text();
                        }))), null);
        }
        catch (final RuntimeException ex)
        {
            return Optional.empty(); // a header not (yet) as above: Chronicle's own open decides what it is
        }
        for (final RollCycles rollCycle : RollCycles.values())
        {
            if (rollCycle.format().equals(format[0]) && rollCycle.lengthInMillis() == length[0])
            {
                return Optional.of(rollCycle);
            }
        }
        return Optional.empty();
    }

    private static void ignoreType(final Object unused, final CharSequence typeName)
    {
        // the type is known from where it stands
    }
}
