package dev.tessera.journal;

import java.nio.file.Path;

/**
 * The configuration does not say how to read this journal: it gives an instrument the journal holds another
 * symbol or priceScale (or a journaled symbol another id), so the journal's fixed-point prices would be read
 * at the wrong scale or under the wrong name; or the journal's record of its instruments
 * ({@value JournalInstruments#FILE}) cannot be read. Bad configuration, refused before anything is touched.
 */
public final class JournalInstrumentsException extends IllegalStateException
{
    private static final long serialVersionUID = 1L;

    /** Set for a configuration that does not fit the journal: the journal's directory. */
    private final transient Path misfitJournal;

    JournalInstrumentsException(final String message)
    {
        super(message);
        this.misfitJournal = null;
    }

    JournalInstrumentsException(final String message, final Throwable cause)
    {
        super(message, cause);
        this.misfitJournal = null;
    }

    /** The configuration's instruments do not fit those {@code journal} was written with. */
    JournalInstrumentsException(final Path journal, final String message)
    {
        super(message);
        this.misfitJournal = journal;
    }

    /**
     * The journal whose instruments the configuration does not fit, for a refusal to say which configuration reads it;
     * null when its record of them cannot be read, or an instrument with orders is left out.
     */
    public Path misfitJournal()
    {
        return misfitJournal;
    }
}
