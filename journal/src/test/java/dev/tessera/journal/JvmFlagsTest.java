package dev.tessera.journal;

import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every JVM that loads Chronicle must run with the flags in .mvn/jvm.config. This fails when the
 * test JVM was started without them (for example a surefire argLine that lost the argument file),
 * and proves with a real queue that the flags are enough for Chronicle on this JDK.
 */
class JvmFlagsTest
{
    @Test
    void shouldRunWithChronicleAnalyticsDisabled()
    {
        assertThat(System.getProperty("chronicle.analytics.disable")).isEqualTo("true");
    }

    @Test
    void shouldRunWithChroniclesDiskSpaceMonitorOff()
    {
        // JournalSpace watches the journal's file system and acts on it; Chronicle's monitor only printed a second line.
        assertThat(System.getProperty("chronicle.disk.monitor.disable")).isEqualTo("true");
    }

    @Test
    void shouldRunTheCollectorTheFlagFileChooses()
    {
        // The parallel collector's beans; G1 would show "G1 Young Generation" instead (see docs/architecture.md, "JVM flags").
        assertThat(ManagementFactory.getGarbageCollectorMXBeans())
            .extracting(GarbageCollectorMXBean::getName)
            .containsExactlyInAnyOrder("PS Scavenge", "PS MarkSweep");
    }

    @Test
    void shouldOpenTheJdkInternalsChronicleNeeds()
    {
        final Module unnamed = JvmFlagsTest.class.getModule();
        final Module javaBase = Object.class.getModule();

        assertThat(javaBase.isOpen("java.lang", unnamed)).isTrue();
        assertThat(javaBase.isOpen("java.lang.reflect", unnamed)).isTrue();
        assertThat(javaBase.isOpen("java.io", unnamed)).isTrue();
        assertThat(javaBase.isOpen("java.util", unnamed)).isTrue();
        assertThat(javaBase.isOpen("sun.nio.ch", unnamed)).isTrue();
        assertThat(javaBase.isExported("jdk.internal.misc", unnamed)).isTrue();
        assertThat(javaBase.isExported("jdk.internal.ref", unnamed)).isTrue();
        assertThat(javaBase.isExported("jdk.internal.util", unnamed)).isTrue();
    }

    @Test
    void shouldAppendAndReadBackThroughARealQueue(@TempDir final Path directory)
    {
        try (ChronicleQueue queue = SingleChronicleQueueBuilder.binary(directory).build();
             ExcerptAppender appender = queue.createAppender())
        {
            try (DocumentContext document = appender.writingDocument())
            {
                document.wire().bytes().writeLong(0x5E55E2AL);
            }

            final ExcerptTailer tailer = queue.createTailer();
            try (DocumentContext document = tailer.readingDocument())
            {
                assertThat(document.isPresent()).isTrue();
                assertThat(document.wire().bytes().readLong()).isEqualTo(0x5E55E2AL);
            }
        }
    }
}
