package dev.awssso.core.signin;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.function.UnaryOperator;

import dev.awssso.core.token.TokenCacheException;
import dev.awssso.core.token.TokenCacheFile.FileStamp;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.protocols.jsoncore.JsonNodeParser;

/**
 * Follows the login cache file of one {@code aws login} session: re-reads it when it changes (a refresh by another
 * process, a new {@code aws login}, a sign-out), refreshes it under its lock, re-reading it after taking the lock so
 * that one refresh serves every process, and keeps a refreshed session that could not be written in memory until the
 * file takes it: the rotated refresh token is never lost.
 */
public final class LoginSessionCache {

    private static final Logger logger = LoggerFactory.getLogger(LoginSessionCache.class);

    private static final JsonNodeParser PARSER = JsonNodeParser.create();

    private final LoginCacheFile file;

    private final Clock clock;

    /** Guards what was read and what waits to be written. */
    private final Object stateLock = new Object();

    private FileStamp readStamp = FileStamp.ABSENT;

    private @Nullable LoginSessionToken read;

    private volatile @Nullable TokenCacheException problem;

    /** A refreshed session the file could not take, with the stamp of the file it replaces. */
    private @Nullable LoginSessionToken unsaved;

    private @Nullable FileStamp unsavedOver;

    private volatile @Nullable String writeProblem;

    private @Nullable String signIn;

    private volatile @Nullable Instant signedInAt;

    private volatile boolean signedInAtKnown;

    private boolean readOnce;

    /** Set when a read finds another sign-in, until {@link #reloadIfChanged()} reports it. */
    private boolean signInChanged;

    public LoginSessionCache(LoginCacheFile file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    /** The cache file. */
    public LoginCacheFile file() {
        return this.file;
    }

    /**
     * The session now: the file's, re-read when it changed, or a refreshed one it could not take yet.
     * @return the session, or empty when nobody signed in with {@code aws login}
     * @throws TokenCacheException when the file cannot be read or holds no valid session
     */
    public Optional<LoginSessionToken> current() {
        reload();
        synchronized (this.stateLock) {
            TokenCacheException failure = this.problem;
            if (failure != null) {
                throw failure;
            }
            return Optional.ofNullable((this.unsaved != null) ? this.unsaved : this.read);
        }
    }

    /**
     * Re-reads the file when it changed on disk.
     * @return whether the sign-in changed: a new {@code aws login}, or a sign-out (the file is gone), rather than a
     *     refresh of the same sign-in
     */
    public boolean reloadIfChanged() {
        reload();
        synchronized (this.stateLock) {
            boolean changed = this.signInChanged;
            this.signInChanged = false;
            return changed;
        }
    }

    /** Re-reads the file when it changed on disk; a change of sign-in waits for {@link #reloadIfChanged()}. */
    private void reload() {
        FileStamp stamp = this.file.stamp();
        synchronized (this.stateLock) {
            if (this.readOnce && stamp.equals(this.readStamp)) {
                return;
            }
            this.readOnce = true;
            this.readStamp = stamp;
            if (this.unsaved != null && !stamp.equals(this.unsavedOver)) {
                // replaced meanwhile by someone else: the newer file wins
                this.unsaved = null;
                this.unsavedOver = null;
                this.writeProblem = null;
            }
            LoginSessionToken token;
            try {
                token = this.file.read().orElse(null);
                this.problem = null;
            }
            catch (TokenCacheException ex) {
                this.problem = ex;
                return;
            }
            this.read = token;
            this.signInChanged |= followSignIn(token);
        }
    }

    /**
     * Refreshes the session under the file's lock unless its credentials last beyond {@code dueBefore} once the
     * lock is held (another process refreshed them meanwhile), writing the result atomically.
     * @param wait how long to wait for the lock at most
     * @param refresh the call that refreshes a session
     * @return the session whose credentials to serve
     * @throws TokenCacheException when the lock cannot be had, or the file cannot be read
     */
    public LoginSessionToken refreshIfDue(Instant dueBefore, Duration wait, UnaryOperator<LoginSessionToken> refresh) {
        return this.file.underLock(() -> {
            LoginSessionToken latest = current().orElseThrow(() -> new TokenCacheException(this.file.path(),
                    "The login cache file " + this.file.path() + " was removed (signed out)."));
            if (latest.expiresAt().isAfter(dueBefore)) {
                return latest;
            }
            LoginSessionToken refreshed = refresh.apply(latest);
            store(refreshed);
            return refreshed;
        }, wait);
    }

    /** Writes a refreshed session that the file could not take before, unless the file was replaced since. */
    public void persistIfPending() {
        synchronized (this.stateLock) {
            if (this.unsaved == null) {
                return;
            }
        }
        try {
            this.file.underLock(() -> {
                synchronized (this.stateLock) {
                    LoginSessionToken pending = this.unsaved;
                    if (pending != null && this.file.stamp().equals(this.unsavedOver)) {
                        write(pending);
                    }
                }
                return null;
            }, Duration.ZERO);
        }
        catch (TokenCacheException ex) {
            // the lock is busy or the file still cannot be written: tried again at the next check
        }
    }

    /** Why the file cannot be used, if it cannot. */
    public Optional<TokenCacheException> problem() {
        return Optional.ofNullable(this.problem);
    }

    /** Why a refreshed session waits in memory to be written, if one does. */
    public Optional<String> pendingWrite() {
        return Optional.ofNullable(this.writeProblem);
    }

    /**
     * When the session's {@code aws login} happened: the issue time of the CLI's {@code idToken}, which refreshes
     * keep, else when this application first saw the sign-in.
     */
    public Optional<Instant> signedInAt() {
        return Optional.ofNullable(this.signedInAt);
    }

    /** Whether {@link #signedInAt()} is the time of the sign-in, not when this application first saw it. */
    public boolean signedInAtKnown() {
        return this.signedInAtKnown;
    }

    private void store(LoginSessionToken refreshed) {
        synchronized (this.stateLock) {
            this.unsaved = refreshed;
            this.unsavedOver = this.readStamp;
            write(refreshed);
        }
    }

    /** Writes {@code token}; on failure it stays in memory, served and written at a later check. */
    private void write(LoginSessionToken token) {
        try {
            FileStamp written = this.file.write(token);
            this.readStamp = written;
            this.read = token;
            this.unsaved = null;
            this.unsavedOver = null;
            if (this.writeProblem != null) {
                logger.info("The refreshed aws login session is now written to {}.", this.file.path());
            }
            this.writeProblem = null;
        }
        catch (TokenCacheException ex) {
            String message = ex.getMessage() + " The refreshed session is kept in memory and written when the file can"
                    + " take it; until then other processes sign in again.";
            if (!message.equals(this.writeProblem)) {
                logger.warn(message);
            }
            this.writeProblem = message;
        }
    }

    /** Records a change of sign-in; returns whether there was one. */
    private boolean followSignIn(@Nullable LoginSessionToken token) {
        String current = (token != null) ? token.signIn() : null;
        if (current == null ? this.signIn == null : current.equals(this.signIn)) {
            return false;
        }
        boolean wasSignedIn = this.signIn != null;
        this.signIn = current;
        Instant issued = (token != null) ? idTokenIssuedAt(token) : null;
        this.signedInAtKnown = issued != null;
        this.signedInAt = (token == null) ? null : (issued != null) ? issued : this.clock.instant();
        return wasSignedIn || current != null;
    }

    /** The {@code iat} of the CLI's {@code idToken}, read without checking its signature; {@code null} if none. */
    private static @Nullable Instant idTokenIssuedAt(LoginSessionToken token) {
        Object idToken = token.otherFields().get("idToken");
        if (!(idToken instanceof String jwt)) {
            return null;
        }
        String[] parts = jwt.split("\\.");
        if (parts.length < 2) {
            return null;
        }
        try {
            JsonNode claims = PARSER.parse(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            JsonNode issuedAt = claims.isObject() ? claims.asObject().get("iat") : null;
            return (issuedAt != null && issuedAt.isNumber())
                    ? Instant.ofEpochSecond(Long.parseLong(issuedAt.asNumber().split("\\.")[0])) : null;
        }
        catch (RuntimeException ex) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "LoginSessionCache[" + this.file.path() + "]";
    }

    /** The path of the cache file. */
    public Path path() {
        return this.file.path();
    }
}
