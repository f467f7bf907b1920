package dev.tessera.lobster;

import dev.tessera.engine.EventBuffer;
import dev.tessera.simulation.CommandSource;
import org.agrona.MutableDirectBuffer;

import java.nio.file.Path;

/**
 * A LOBSTER message file as engine commands ({@link LobsterImport}), message by message. With an
 * orderbook file it first seeds the book the file starts from (orderbook row 0 with message 0
 * taken back), and after each timestamp batch (and so after the engine has run all its commands)
 * it lets a {@link TopOfBookComparison} check the engine's book.
 */
public final class LobsterCommandSource implements CommandSource
{
    private final Path messageFile;
    private final LobsterFile name;
    private final LobsterImport translator;
    private final LobsterMessageReader reader;
    private final long length;
    private final TopOfBookComparison comparison;
    private final BookResync resync;
    private long messageIndex = -1;
    private long batchTimeNanos = -1;
    private boolean ended;

    /**
     * @param orderbookFile null for none: then nothing is seeded (orders from before the file are
     *                      unknown) and nothing is compared.
     * @param comparison    null for no comparison.
     * @param resync        before each batch, re-align the engine's compared levels with the file's book
     *                      before it ({@link BookResync}); needs a comparison.
     */
    public LobsterCommandSource(
        final Path messageFile, final Path orderbookFile, final LobsterImport translator,
        final TopOfBookComparison comparison, final boolean resync)
    {
        if (resync && comparison == null)
        {
            throw new IllegalArgumentException("re-aligning the book needs the orderbook file");
        }
        this.resync = resync ? new BookResync() : null;
        this.messageFile = messageFile;
        this.name = LobsterFile.of(messageFile);
        this.translator = translator;
        this.comparison = comparison;
        this.length = LobsterMessageReader.countMessages(messageFile);
        if (orderbookFile != null)
        {
            seed(orderbookFile);
        }
        this.reader = new LobsterMessageReader(messageFile);
    }

    private void seed(final Path orderbookFile)
    {
        try (LobsterMessageReader first = new LobsterMessageReader(messageFile);
            LobsterBookReader rows = new LobsterBookReader(orderbookFile, LobsterFile.of(orderbookFile).levels()))
        {
            final LobsterMessage message = first.next();
            final LobsterBookRow row = rows.next();
            if (message == null || row == null)
            {
                return;
            }
            row.undo(message);
            translator.seed(row, message.timeNanos());
        }
    }

    @Override
    public int next(final MutableDirectBuffer buffer)
    {
        while (!translator.hasCommands())
        {
            if (ended)
            {
                return END;
            }
            final LobsterMessage message = reader.next();
            if (message == null || message.timeNanos() != batchTimeNanos)
            {
                // every command of the batch so far has run: the engine's book is the batch's outcome
                if (comparison != null && messageIndex >= 0)
                {
                    comparison.onBatchEnd(messageIndex, batchTimeNanos);
                }
                if (message == null)
                {
                    ended = true;
                    return END;
                }
                batchTimeNanos = message.timeNanos();
                if (resync != null && messageIndex >= 0)
                {
                    comparison.resync(resync, batchTimeNanos);
                }
            }
            messageIndex++;
            translator.translate(message);
        }
        return translator.take(buffer);
    }

    @Override
    public void onEvents(final EventBuffer events)
    {
        translator.onEvents(events);
    }

    @Override
    public long position()
    {
        return messageIndex + 1;
    }

    @Override
    public long length()
    {
        return length;
    }

    @Override
    public String description()
    {
        return "LOBSTER " + name.ticker() + " " + name.date() + " (" + messageFile.getFileName() + ")";
    }

    public LobsterFile file()
    {
        return name;
    }

    public LobsterImport translator()
    {
        return translator;
    }

    /** Commands issued to re-align the book before batches (0 without resync). */
    public long resyncAdjustments()
    {
        return resync == null ? 0 : resync.adjustments();
    }

    @Override
    public void close()
    {
        reader.close();
    }
}
