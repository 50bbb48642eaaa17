package dev.awssso.benchmarks.startup;

import java.lang.management.ManagementFactory;

import com.sun.management.OperatingSystemMXBean;

/**
 * A whole process that starts {@link StartupApplication} and exits: what a developer waits for when starting
 * the application, class loading included. Once the context has started it prints one line,
 * {@code STARTED classes=N cpuMs=M} (classes loaded and CPU time of the JVM so far), then exits.
 */
public final class StartupProcess {

    /** The first word of the line printed once the context has started. */
    public static final String STARTED = "STARTED";

    private StartupProcess() {
    }

    public static void main(String[] args) {
        StartupApplication.start(args);
        long classes = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
        long cpuNanos = ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        System.out.println(STARTED + " classes=" + classes + " cpuMs=" + cpuNanos / 1_000_000);
        System.out.flush();
        System.exit(0);
    }
}
