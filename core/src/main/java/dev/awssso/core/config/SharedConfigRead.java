package dev.awssso.core.config;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of reading a shared config file: absent, parsed, or failed with a problem.
 *
 * @param config the parsed file, or {@code null} when it is absent or could not be read
 * @param problem why the file could not be read, or {@code null}
 */
record SharedConfigRead(@Nullable SharedConfig config, @Nullable ConfigurationProblem problem) {

    private static final SharedConfigRead ABSENT = new SharedConfigRead(null, null);

    /** The file does not exist. */
    static SharedConfigRead absent() {
        return ABSENT;
    }

    /** Whether the file does not exist. */
    boolean isAbsent() {
        return this.config == null && this.problem == null;
    }
}
