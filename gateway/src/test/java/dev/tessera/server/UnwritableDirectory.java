package dev.tessera.server;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * An existing directory this process cannot create a file in, for the refusals of one: a directory made read-only
 * (chmod 555), or, for root, whom file permissions do not stop (as in CI), {@code /sys}, which takes no new file
 * from anyone. A test is skipped, saying why, only when there is neither.
 */
final class UnwritableDirectory
{
    private UnwritableDirectory()
    {
    }

    /** A read-only directory made in {@code parent}, or {@code /sys} when that one still takes files. */
    static Path in(final Path parent) throws IOException
    {
        final Path readOnly = Files.createDirectory(parent.resolve("read-only"));
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
        if (!canCreateAFileIn(readOnly))
        {
            return readOnly;
        }
        final Path sys = Path.of("/sys");
        Assumptions.assumeTrue(Files.isDirectory(sys) && !canCreateAFileIn(sys), "chmod 555 does not stop this " +
            "process writing (it runs as root) and /sys takes files too: no directory this process cannot write");
        return sys;
    }

    private static boolean canCreateAFileIn(final Path directory)
    {
        try
        {
            Files.delete(Files.createTempFile(directory, "probe", ".tmp"));
            return true;
        }
        catch (final IOException ex)
        {
            return false;
        }
    }
}
