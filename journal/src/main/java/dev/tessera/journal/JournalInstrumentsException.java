package dev.tessera.journal;

/**
 * The configuration does not say how to read this journal: it gives an instrument the journal holds another
 * symbol or priceScale (or a journaled symbol another id), so the journal's fixed-point prices would be read
 * at the wrong scale or under the wrong name; or the journal's record of its instruments
 * ({@value JournalInstruments#FILE}) cannot be read. Bad configuration, refused before anything is touched.
 */
public final class JournalInstrumentsException extends IllegalStateException
{
    private static final long serialVersionUID = 1L;

    JournalInstrumentsException(final String message)
    {
        super(message);
    }

    JournalInstrumentsException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
