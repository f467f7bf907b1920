package dev.tessera.config;

/**
 * What the engine does when an incoming order would trade against a resting order of the same
 * owner. Written in config as {@code none}, {@code cancel-resting}, {@code cancel-incoming} or
 * {@code cancel-both} (case-insensitive, dashes or underscores).
 */
public enum SelfTradePrevention
{
    /** The owner trades with itself; some venues allow it for market makers. */
    NONE,
    /** The older order makes way, the incoming one keeps matching. */
    CANCEL_RESTING,
    /** The incoming order's remainder is cancelled, the book is untouched. */
    CANCEL_INCOMING,
    /** Both are cancelled, so neither side is surprised by a partial self-match. */
    CANCEL_BOTH
}
