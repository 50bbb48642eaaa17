package dev.awssso.emulator;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The parameters of the emulated Parameter Store, which {@code GetParameter} and {@code GetParametersByPath}
 * serve to callers signed with role credentials the emulator issued. One store for every account and region.
 * Thread-safe; changes show in the next call.
 */
public final class EmulatedParameterStore {

    private final Map<String, StoredParameter> parameters = new TreeMap<>();

    private final Clock clock;

    EmulatedParameterStore(Clock clock) {
        this.clock = clock;
    }

    /**
     * Puts a {@code String} parameter, as {@code PutParameter} with {@code Overwrite} does: a new one gets version
     * 1, a changed one the next version.
     * @param name a name such as {@code /config/my-app/greeting}; with a slash it must start with one
     * @param value the value
     */
    public void putString(String name, String value) {
        put(name, ParameterType.STRING, value);
    }

    /**
     * Puts a {@code SecureString} parameter: callers read its value only with {@code WithDecryption}.
     * @param name a name such as {@code /config/my-app/db.password}; with a slash it must start with one
     * @param value the value
     */
    public void putSecureString(String name, String value) {
        put(name, ParameterType.SECURE_STRING, value);
    }

    /**
     * Deletes a parameter.
     * @param name its name
     * @return whether there was such a parameter
     */
    public synchronized boolean delete(String name) {
        return this.parameters.remove(name) != null;
    }

    synchronized Optional<StoredParameter> find(String name) {
        return Optional.ofNullable(this.parameters.get(name));
    }

    /**
     * The parameters below a path, sorted by name.
     * @param path a path starting with a slash; a trailing slash is optional
     * @param recursive whether to include the whole hierarchy below it, not only its first level
     */
    synchronized List<StoredParameter> below(String path, boolean recursive) {
        String prefix = path.endsWith("/") ? path : path + "/";
        return this.parameters.values().stream()
            .filter((parameter) -> parameter.name().startsWith(prefix))
            .filter((parameter) -> recursive || parameter.name().indexOf('/', prefix.length()) < 0)
            .toList();
    }

    private synchronized void put(String name, ParameterType type, String value) {
        if (name.isBlank() || (name.contains("/") && !name.startsWith("/"))) {
            throw new IllegalArgumentException("A parameter name must not be blank, and a name with a slash must"
                    + " start with one: " + name);
        }
        StoredParameter previous = this.parameters.get(name);
        long version = (previous != null) ? previous.version() + 1 : 1;
        this.parameters.put(name, new StoredParameter(name, type, value, version,
                this.clock.instant().truncatedTo(ChronoUnit.MILLIS)));
    }

    /** The type of a parameter, as the API names it. */
    enum ParameterType {

        STRING("String"), SECURE_STRING("SecureString");

        private final String wireName;

        ParameterType(String wireName) {
            this.wireName = wireName;
        }

        String wireName() {
            return this.wireName;
        }

    }

    /**
     * One parameter. {@link #toString()} leaves out the value.
     * @param name its name
     * @param type its type
     * @param value its value, in clear text
     * @param version its version, from 1
     * @param lastModified when the version was put
     */
    record StoredParameter(String name, ParameterType type, String value, long version, Instant lastModified) {

        @Override
        public String toString() {
            return "StoredParameter[name=" + this.name + ", type=" + this.type + ", version=" + this.version + "]";
        }

    }

}
