package dev.tessera.fix;

/**
 * Why the bytes at the start of a stream cannot be a FIX 4.4 message. A session that gets one of
 * these either disconnects (the FIX rule for a message of another version, {@link #OTHER_FIX_VERSION}, after a
 * Logout; and what a session may do on a garbled one) or skips to the next message with
 * {@link FixFraming#skipToNextBeginString}.
 */
public enum FramingError
{
    /** No error: the last {@link FixFraming#frame} did not answer {@link FixFraming#MALFORMED}. */
    NONE("no error"),
    /** The stream does not start with {@code 8=FIX.4.4<SOH>}, nor with another FIX version's BeginString. */
    INVALID_BEGIN_STRING("it does not begin with 8=FIX.4.4"),
    /**
     * A whole message, BodyLength and CheckSum right, of another FIX version (BeginString {@code FIX.4.2}, say):
     * not garbled, so not ignored; FIX has the session log out naming the BeginString, then disconnect.
     */
    OTHER_FIX_VERSION("a message of another FIX version"),
    /** The second field is not BodyLength ({@code 9=}). */
    BODY_LENGTH_NOT_SECOND("its second field is not BodyLength(9)"),
    /** BodyLength is empty, not a number, or negative. */
    INVALID_BODY_LENGTH("its BodyLength(9) is no length"),
    /** The message BodyLength announces is longer than the configured maximum. */
    MESSAGE_TOO_LONG("it is longer than the maximum"),
    /** Where BodyLength says the body ends there is no {@code <SOH>10=} (BodyLength too short, say). */
    CHECKSUM_MISSING("no CheckSum(10) where its BodyLength(9) ends"),
    /**
     * BodyLength counts past the message's end: its CheckSum field, or the next message's BeginString, starts a
     * field before where BodyLength says the body ends. Told as soon as those bytes arrive, without waiting for the
     * bytes BodyLength announces (the client may send nothing more until it is answered).
     */
    BODY_LENGTH_TOO_LONG("its BodyLength(9) counts past its CheckSum(10)"),
    /** The CheckSum value is not exactly three digits followed by SOH. */
    INVALID_CHECKSUM("its CheckSum(10) is not three digits"),
    /** The CheckSum value is not the sum of the bytes before it, mod 256. */
    CHECKSUM_MISMATCH("its CheckSum(10) does not add up");

    private final String text;

    FramingError(final String text)
    {
        this.text = text;
    }

    /** What is wrong, in words, for a log line a reader without the enum at hand understands (QA 97). */
    public String text()
    {
        return text;
    }
}
