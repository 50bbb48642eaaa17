package dev.awssso.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.awssso.emulator.RoleCredentialsRegistry.IssuedCredentials;

/**
 * Writes the AWS CLI's cache files: an {@link EmulatedSession} as its SSO token cache file, an
 * {@link EmulatedLoginSession} as its {@code aws login} cache file; the CLI's key order and Python's
 * {@code json.dumps} layout ({@code ", "} and {@code ": "} separators, non-ASCII escaped).
 */
final class TokenCacheFile {

    private TokenCacheFile() {
    }

    static Path write(EmulatedSession session, Path cacheDir, CacheDateStyle dateStyle) {
        String cacheKey = (session.sessionName() != null) ? session.sessionName() : session.startUrl();
        return write(cacheDir, sha1Hex(cacheKey) + ".json", content(session, dateStyle));
    }

    /**
     * Writes the {@code aws login} cache file of a session holding the credentials.
     */
    static Path write(EmulatedLoginSession session, IssuedCredentials credentials, Path cacheDir) {
        return write(cacheDir, session.cacheFileName(), content(session, credentials));
    }

    static String content(EmulatedLoginSession session, IssuedCredentials credentials) {
        Map<String, String> accessToken = new LinkedHashMap<>();
        accessToken.put("accessKeyId", credentials.accessKeyId());
        accessToken.put("secretAccessKey", credentials.secretAccessKey());
        accessToken.put("sessionToken", credentials.sessionToken());
        accessToken.put("accountId", credentials.accountId());
        accessToken.put("expiresAt", DateTimeFormatter.ISO_INSTANT.format(credentials.expiresAt()));
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("tokenType", "aws_sigv4");
        fields.put("clientId", session.clientId());
        fields.put("refreshToken", session.currentRefreshToken());
        fields.put("idToken", session.idToken());
        fields.put("dpopKey", session.dpopKeyPem());
        StringBuilder json = new StringBuilder("{").append(quote("accessToken")).append(": ")
            .append(object(accessToken));
        fields.forEach((name, value) -> json.append(", ").append(quote(name)).append(": ").append(quote(value)));
        return json.append('}').toString();
    }

    /**
     * Writes a cache file, mode 0600 where the file system is POSIX, replacing it atomically if it exists.
     */
    private static Path write(Path cacheDir, String fileName, String text) {
        Path file = cacheDir.resolve(fileName);
        byte[] content = text.getBytes(StandardCharsets.UTF_8);
        try {
            Files.createDirectories(cacheDir);
            Path temp = createOwnerOnlyTempFile(cacheDir);
            try {
                Files.write(temp, content);
                moveReplacing(temp, file);
            }
            finally {
                Files.deleteIfExists(temp);
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not write the cache file " + file, ex);
        }
        return file;
    }

    static String content(EmulatedSession session, CacheDateStyle dateStyle) {
        Map<String, @Nullable String> fields = new LinkedHashMap<>();
        fields.put("startUrl", session.startUrl());
        fields.put("region", session.region());
        fields.put("accessToken", session.accessToken());
        fields.put("expiresAt", dateStyle.format(session.expiresAt()));
        fields.put("clientId", session.clientId());
        fields.put("clientSecret", session.clientSecret());
        Instant registrationExpiresAt = session.registrationExpiresAt();
        fields.put("registrationExpiresAt",
                (registrationExpiresAt != null) ? dateStyle.format(registrationExpiresAt) : null);
        fields.put("refreshToken", session.refreshToken());
        StringBuilder json = new StringBuilder("{");
        fields.forEach((name, value) -> {
            if (value != null) {
                json.append((json.length() > 1) ? ", " : "").append(quote(name)).append(": ").append(quote(value));
            }
        });
        return json.append('}').toString();
    }

    private static String object(Map<String, String> fields) {
        StringBuilder json = new StringBuilder("{");
        fields.forEach((name, value) -> json.append((json.length() > 1) ? ", " : "").append(quote(name)).append(": ")
            .append(quote(value)));
        return json.append('}').toString();
    }

    static String sha1Hex(String value) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            return HexFormat.of().formatHex(sha1.digest(value.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-1 is not available", ex);
        }
    }

    /**
     * A JSON string literal as Python's {@code json.dumps} writes it with {@code ensure_ascii=True}.
     */
    private static String quote(String value) {
        StringBuilder quoted = new StringBuilder(value.length() + 2).append('"');
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                case '\b' -> quoted.append("\\b");
                case '\f' -> quoted.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    }
                    else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }

    private static Path createOwnerOnlyTempFile(Path dir) throws IOException {
        if (!dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return Files.createTempFile(dir, "token-", ".tmp");
        }
        FileAttribute<?> ownerOnly = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
        return Files.createTempFile(dir, "token-", ".tmp", ownerOnly);
    }

    private static void moveReplacing(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (AtomicMoveNotSupportedException ex) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

}
