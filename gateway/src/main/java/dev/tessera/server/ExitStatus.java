package dev.tessera.server;

/**
 * The exit-status lines that end each command's {@code --help} (picocli's footer), made of one wording for what
 * the commands share, so that no command's list drifts from the others': the statuses themselves are
 * {@link TesseraMain}'s and {@link JournalTools}'.
 */
final class ExitStatus
{
    static final String HEADING = "Exit status: ";

    /** Status 0 for a tool that reads, or changes nothing it was not asked to. */
    static final String OK = TesseraMain.EXIT_OK + " ok";

    static final String CORRUPT = JournalTools.EXIT_CORRUPT +
        " the journal failed verification (the message names the first bad record)";

    static final String BAD_USAGE = TesseraMain.EXIT_BAD_CONFIG + " bad usage or configuration (also instruments " +
        "that do not fit the journal's), or no journal at the directory";

    /** As {@link #BAD_USAGE}, for a tool that shows no price or symbol and so takes any instruments (verify). */
    static final String BAD_USAGE_ANY_INSTRUMENTS = TesseraMain.EXIT_BAD_CONFIG +
        " bad usage or configuration, or no journal at the directory";

    /** For a tool that reads a journal and may be pointed at what its archived cycles alone hold. */
    static final String ARCHIVED = "a point only the journal's archived cycles reach";

    /** For journal archive, restore and repair, which take the writer's lock. */
    static final String IN_USE = "the journal open for writing by a running exchange (nothing is changed)";

    /** The footer of a read-only journal tool. */
    static final String READ_TOOL = HEADING + OK + ", " + CORRUPT + ", " + BAD_USAGE + ".";

    private ExitStatus()
    {
    }
}
