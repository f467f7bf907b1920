package dev.tessera.journal;

import java.io.File;

/**
 * Where the journal writer is: its current cycle file and the file offset after its last record,
 * published by the engine thread at the end of each batch for {@link JournalPrefault}.
 */
final class WriterFrontier
{
    private volatile File file;
    private volatile long position;

    File file()
    {
        return file;
    }

    long position()
    {
        return position;
    }

    void publish(final File file, final long position)
    {
        if (file != this.file)
        {
            this.file = file;
        }
        this.position = position;
    }
}
