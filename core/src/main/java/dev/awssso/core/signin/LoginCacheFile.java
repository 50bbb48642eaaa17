package dev.awssso.core.signin;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;

import dev.awssso.core.token.TokenCacheException;
import dev.awssso.core.token.TokenCacheFile;
import dev.awssso.core.token.TokenCacheFile.FileStamp;

/**
 * The login cache file of one {@code aws login} session ({@code <cache dir>/<sha256 hex of the login_session>.json}),
 * shared with the AWS CLI and the other SDKs: read and written atomically, owner only, and locked for a
 * read-refresh-write cycle as the SSO token cache is (see {@link TokenCacheFile}).
 */
public final class LoginCacheFile {

    private final TokenCacheFile file;

    private LoginCacheFile(TokenCacheFile file) {
        this.file = file;
    }

    /**
     * The cache file of {@code loginSession} (the principal ARN of the profile's {@code login_session}) in
     * {@code cacheDirectory}, waiting {@code lockWait} for its lock at most.
     */
    public static LoginCacheFile of(Path cacheDirectory, String loginSession, Duration lockWait) {
        return new LoginCacheFile(TokenCacheFile.at(cacheDirectory.resolve(fileName(loginSession)), lockWait));
    }

    /** The file name the AWS CLI uses: lower-case hex SHA-256 of the login session's UTF-8 bytes, {@code .json}. */
    public static String fileName(String loginSession) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(loginSession.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest) + ".json";
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is not available", ex);
        }
    }

    /** The path of the file. */
    public Path path() {
        return this.file.path();
    }

    /** What the file looks like on disk now, to notice cheaply when someone has replaced it. */
    public FileStamp stamp() {
        return this.file.stamp();
    }

    /**
     * Reads the session.
     * @return the session, or empty when there is no file (nobody signed in with {@code aws login})
     * @throws TokenCacheException when the file exists but cannot be read or holds no valid session
     */
    public Optional<LoginSessionToken> read() {
        return this.file.readContent().map((content) -> {
            try {
                return LoginTokenCodec.decode(content);
            }
            catch (IllegalArgumentException ex) {
                throw this.file.invalidContent(ex.getMessage());
            }
        });
    }

    /**
     * Replaces the file with {@code token} atomically, keeping every field it holds.
     * @return the stamp of the file as written
     * @throws TokenCacheException when the file cannot be written; the previous file is then unchanged
     */
    public FileStamp write(LoginSessionToken token) {
        return this.file.writeContent(LoginTokenCodec.encode(token));
    }

    /**
     * Runs {@code action} while holding the file's lock, among the threads of this JVM and other processes,
     * waiting {@code wait} at most.
     * @throws TokenCacheException when the lock cannot be had in time
     */
    public <T> T underLock(Supplier<T> action, Duration wait) {
        return this.file.underLock(action, wait);
    }

    /** Stops waiting for the lock: the engine is closing. */
    public void close() {
        this.file.close();
    }

    @Override
    public String toString() {
        return this.file.toString();
    }
}
