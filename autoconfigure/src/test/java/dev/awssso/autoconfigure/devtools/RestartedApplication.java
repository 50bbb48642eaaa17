package dev.awssso.autoconfigure.devtools;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.awssso.autoconfigure.AwsSsoAutoConfiguration;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.devtools.restart.Restarter;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * An application run in a JVM of its own under DevTools' {@link Restarter}, as {@code spring-boot-devtools} runs
 * it: the test classes are loaded by a new restart class loader at every restart, the starter by the JVM's. A
 * thread outside the application restarts it {@value #RESTARTS} times as a saved file would, and prints after
 * every start the live threads of the engines ({@code aws-sso-*}), all live threads and the open file
 * descriptors: {@code STATS <start> <engine threads> <threads> <file descriptors>}, then {@code DONE}.
 */
public final class RestartedApplication {

    static final int RESTARTS = 15;

    /** How many times the application has started; a system property, shared by every restart class loader. */
    private static final String STARTS = "aws-sso.test.starts";

    private static final Duration START_LIMIT = Duration.ofSeconds(60);

    private static final Duration THREAD_END_LIMIT = Duration.ofSeconds(10);

    private static boolean threadOutlivedItsEngine;

    private RestartedApplication() {
    }

    public static void main(String[] args) throws Exception {
        if (Thread.currentThread().getName().equals("main")) {
            Thread driver = new Thread(RestartedApplication::restartRepeatedly, "restart-driver");
            driver.start();
            URL testClasses = RestartedApplication.class.getProtectionDomain().getCodeSource().getLocation();
            // launches main again on a thread of its own, in a restart class loader, and ends this thread
            Restarter.initialize(args, false, (thread) -> new URL[] { testClasses }, true);
            return;
        }
        ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class)
            .web(WebApplicationType.NONE)
            .bannerMode(Banner.Mode.OFF)
            .run(args);
        // as an application that calls AWS when it starts
        context.getBean(AwsCredentialsProvider.class).resolveCredentials();
        System.setProperty(STARTS, String.valueOf(Integer.getInteger(STARTS, 0) + 1));
    }

    private static void restartRepeatedly() {
        try {
            awaitStart(1);
            report(1);
            for (int start = 2; start <= RESTARTS + 1; start++) {
                Set<Thread> before = engineThreads();
                Restarter.getInstance().restart();
                awaitStart(start);
                awaitEnd(before);
                report(start);
            }
            System.out.println("DONE");
            System.exit(0);
        }
        catch (Throwable ex) {
            ex.printStackTrace(System.out);
            System.exit(1);
        }
    }

    private static void awaitStart(int start) throws InterruptedException {
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (Integer.getInteger(STARTS, 0) < start) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Start " + start + " did not happen within " + START_LIMIT);
            }
            Thread.sleep(20);
        }
    }

    /**
     * Waits until the threads of the engines before the restart have ended (a closed engine's threads end a moment
     * after its close returns), {@link #THREAD_END_LIMIT} at most and only until one outlived it: a thread that
     * lives on is counted in the report.
     */
    private static void awaitEnd(Set<Thread> threads) throws InterruptedException {
        long deadline = System.nanoTime() + THREAD_END_LIMIT.toNanos();
        while (!threadOutlivedItsEngine && threads.stream().anyMatch(Thread::isAlive)) {
            if (System.nanoTime() > deadline) {
                threadOutlivedItsEngine = true;
            }
            Thread.sleep(20);
        }
    }

    private static Set<Thread> engineThreads() {
        return Thread.getAllStackTraces().keySet().stream()
            .filter((thread) -> thread.isAlive() && thread.getName().startsWith("aws-sso-"))
            .collect(Collectors.toSet());
    }

    private static void report(int start) throws IOException {
        long engineThreads = engineThreads().size();
        System.out.println("STATS " + start + " " + engineThreads + " " + Thread.activeCount() + " "
                + openFileDescriptors());
    }

    /** The open file descriptors of this JVM, or -1 where {@code /proc} does not list them. */
    private static long openFileDescriptors() throws IOException {
        Path descriptors = Path.of("/proc/self/fd");
        if (!Files.isDirectory(descriptors)) {
            return -1;
        }
        try (Stream<Path> open = Files.list(descriptors)) {
            return open.count();
        }
    }

    /** The application: the starter alone. */
    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(AwsSsoAutoConfiguration.class)
    static class Application {

    }
}
