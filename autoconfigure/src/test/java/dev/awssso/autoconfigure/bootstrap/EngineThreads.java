package dev.awssso.autoconfigure.bootstrap;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The engines alive in this JVM, as their threads ({@code aws-sso-<engine>-refresh-<n>}, {@code -fetch-<n>},
 * {@code -events-<n>}...) show them: an engine created and not started has only those of the work it was asked for.
 */
final class EngineThreads {

    private static final Pattern ENGINE_THREAD = Pattern.compile("aws-sso-(\\d+)-[a-z]+-\\d+");

    private EngineThreads() {
    }

    /** The number of the newest engine whose threads are alive, or 0 if none are. */
    static int newestEngine() {
        return Thread.getAllStackTraces().keySet().stream()
            .filter(Thread::isAlive)
            .map((thread) -> ENGINE_THREAD.matcher(thread.getName()))
            .filter(Matcher::matches)
            .mapToInt((matcher) -> Integer.parseInt(matcher.group(1)))
            .max()
            .orElse(0);
    }

}
