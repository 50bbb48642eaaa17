package dev.awssso.emulator;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The secrets of the emulated Secrets Manager, which {@code GetSecretValue} and {@code BatchGetSecretValue}
 * serve to callers signed with role credentials the emulator issued. Only the current version of a secret is
 * kept. One store for every account and region. Thread-safe; changes show in the next call.
 */
public final class EmulatedSecretsManager {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9/_+=.@-]{1,512}");

    private static final char[] SUFFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray();

    private final Map<String, StoredSecret> secrets = new TreeMap<>();

    private final SecureRandom random = new SecureRandom();

    private final Clock clock;

    EmulatedSecretsManager(Clock clock) {
        this.clock = clock;
    }

    /**
     * Puts a new current version of a secret with a text value, creating the secret if needed, as
     * {@code CreateSecret} or {@code PutSecretValue} do.
     * @param name a name such as {@code my-app/db}: letters, digits and {@code /_+=.@-}
     * @param value the value, often a JSON object of keys and values
     */
    public void putSecretString(String name, String value) {
        put(name, value, null);
    }

    /**
     * Puts a new current version of a secret with a binary value, creating the secret if needed.
     * @param name a name such as {@code my-app/keystore}: letters, digits and {@code /_+=.@-}
     * @param value the value
     */
    public void putSecretBinary(String name, byte[] value) {
        put(name, null, value.clone());
    }

    /**
     * Deletes a secret at once, as {@code DeleteSecret} with {@code ForceDeleteWithoutRecovery} does.
     * @param name its name
     * @return whether there was such a secret
     */
    public synchronized boolean delete(String name) {
        return this.secrets.remove(name) != null;
    }

    /**
     * A secret by name or by ARN; an ARN's region and account are not compared.
     */
    synchronized Optional<StoredSecret> find(String secretId) {
        int resource = secretId.startsWith("arn:") ? secretId.indexOf(":secret:") : -1;
        if (resource < 0) {
            return Optional.ofNullable(this.secrets.get(secretId));
        }
        String nameAndSuffix = secretId.substring(resource + ":secret:".length());
        return this.secrets.values().stream()
            .filter((secret) -> nameAndSuffix.equals(secret.name() + "-" + secret.suffix()))
            .findFirst();
    }

    /** Every secret, sorted by name. */
    synchronized List<StoredSecret> all() {
        return List.copyOf(this.secrets.values());
    }

    private synchronized void put(String name, @Nullable String string, byte @Nullable [] binary) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("A secret name has 1 to 512 letters, digits and /_+=.@- characters: "
                    + name);
        }
        StoredSecret previous = this.secrets.get(name);
        String suffix = (previous != null) ? previous.suffix() : suffix();
        this.secrets.put(name, new StoredSecret(name, suffix, UUID.randomUUID().toString(), string, binary,
                this.clock.instant().truncatedTo(ChronoUnit.MILLIS)));
    }

    /** The six random letters Secrets Manager appends to the name in the ARN. */
    private String suffix() {
        StringBuilder suffix = new StringBuilder(6);
        for (int i = 0; i < 6; i++) {
            suffix.append(SUFFIX_ALPHABET[this.random.nextInt(SUFFIX_ALPHABET.length)]);
        }
        return suffix.toString();
    }

    /**
     * The current version of a secret. {@link #toString()} leaves out the value.
     * @param name its name
     * @param suffix the six letters after the name in its ARN
     * @param versionId the id of the version
     * @param string its text value, or {@code null} for a binary one
     * @param binary its binary value, or {@code null} for a text one
     * @param createdDate when the version was put
     */
    record StoredSecret(String name, String suffix, String versionId, @Nullable String string,
            byte @Nullable [] binary, Instant createdDate) {

        String arn(String region, String accountId) {
            return "arn:aws:secretsmanager:" + region + ":" + accountId + ":secret:" + this.name + "-" + this.suffix;
        }

        @Override
        public String toString() {
            return "StoredSecret[name=" + this.name + ", versionId=" + this.versionId + "]";
        }

    }

}
