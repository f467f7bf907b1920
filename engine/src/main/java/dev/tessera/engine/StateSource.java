package dev.tessera.engine;

/**
 * Something that can replay a state into a {@link StateVisitor}: a decoded snapshot, or another
 * engine ({@code engine::exportState} is one).
 */
@FunctionalInterface
public interface StateSource
{
    /** Calls the visitor as {@link MatchingEngine#exportState} would: counters first, then every order. */
    void readInto(StateVisitor visitor);
}
