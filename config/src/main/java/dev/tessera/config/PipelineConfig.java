package dev.tessera.config;

import java.util.Objects;

/**
 * The ring buffer between the gateway, the journal and the matching thread.
 *
 * @param ringSize slots in the ring, a power of two from 2 to 2^30
 * @param waitStrategy how consumers wait for the next event
 * @throws ConfigValidationException listing every rule the arguments break
 */
public record PipelineConfig(int ringSize, WaitStrategy waitStrategy)
{
    public PipelineConfig
    {
        Objects.requireNonNull(waitStrategy, "waitStrategy");
        final Problems problems = new Problems();
        Rules.pipeline(problems, "pipeline", ringSize);
        problems.throwIfAny();
    }
}
