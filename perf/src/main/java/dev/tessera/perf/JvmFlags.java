package dev.tessera.perf;

import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * Every benchmark JVM must run with the project's one list of JVM flags, {@code .mvn/jvm.config},
 * which {@code perf/bin/bench} hands to JMH's forks as {@code -jvmArgsAppend @.../.mvn/jvm.config}.
 * The trial set-up of every benchmark calls {@link #check()}: a fork without the flags fails at once
 * instead of measuring a differently configured JVM.
 */
final class JvmFlags
{
    private static final String ANALYTICS_PROPERTY = "chronicle.analytics.disable";
    private static final String SAMPLE_OPEN = "--add-opens=java.base/java.lang=ALL-UNNAMED";

    private static boolean printed;

    private JvmFlags()
    {
    }

    static synchronized void check()
    {
        final List<String> arguments = ManagementFactory.getRuntimeMXBean().getInputArguments();
        final String analytics = System.getProperty(ANALYTICS_PROPERTY);
        final boolean opens = arguments.contains(SAMPLE_OPEN);
        if (!"true".equals(analytics) || !opens)
        {
            throw new IllegalStateException("this JVM did not get the flags of .mvn/jvm.config (" + ANALYTICS_PROPERTY + "=" +
                analytics + ", " + SAMPLE_OPEN + " " + (opens ? "present" : "absent") + "): run the benchmarks with perf/bin/bench, " +
                "or pass -jvmArgsAppend \"@<repo>/.mvn/jvm.config\" to benchmarks.jar. JVM arguments: " + arguments);
        }
        if (!printed)
        {
            printed = true;
            System.out.println("[tessera-perf] JVM flags of .mvn/jvm.config present in this fork: " + ANALYTICS_PROPERTY + "=" +
                analytics + ", " + SAMPLE_OPEN + "; " + arguments.size() + " JVM arguments, max heap " +
                (Runtime.getRuntime().maxMemory() >> 20) + " MiB, " + System.getProperty("java.vm.name") + " " +
                System.getProperty("java.vm.version"));
        }
    }
}
