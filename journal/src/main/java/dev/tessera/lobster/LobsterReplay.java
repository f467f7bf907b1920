package dev.tessera.lobster;

import dev.tessera.config.InstrumentConfig;
import dev.tessera.engine.MatchingEngine;

import java.nio.file.Path;

/**
 * A LOBSTER replay wired together: the command source and, when an orderbook file is given, the
 * comparison of the engine's book with it. Close it to close both files.
 *
 * @param comparison null without an orderbook file.
 */
public record LobsterReplay(LobsterCommandSource source, TopOfBookComparison comparison) implements AutoCloseable
{
    /**
     * @param engine        the engine the commands will run in (the comparison reads its book).
     * @param orderbookFile null for none.
     * @param compareLevels levels to compare (at most the file's); ignored without an orderbook file.
     * @param resync        re-align the compared levels with the file before each batch ({@link BookResync}).
     */
    public static LobsterReplay open(
        final MatchingEngine engine, final InstrumentConfig instrument, final Path messageFile, final Path orderbookFile,
        final int compareLevels, final boolean resync)
    {
        final LobsterFile name = LobsterFile.of(messageFile);
        final LobsterImport translator = new LobsterImport(instrument, LobsterTime.midnightEpochNanos(name.date()));
        TopOfBookComparison comparison = null;
        if (orderbookFile != null)
        {
            final int fileLevels = LobsterFile.of(orderbookFile).levels();
            comparison = new TopOfBookComparison(engine, instrument.id(), translator, orderbookFile, fileLevels,
                Math.min(compareLevels, fileLevels));
        }
        return new LobsterReplay(new LobsterCommandSource(messageFile, orderbookFile, translator, comparison, resync), comparison);
    }

    @Override
    public void close()
    {
        source.close();
        if (comparison != null)
        {
            comparison.close();
        }
    }
}
