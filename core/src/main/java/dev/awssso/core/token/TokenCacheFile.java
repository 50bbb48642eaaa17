package dev.awssso.core.token;

import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import dev.awssso.core.token.TokenFileCodec.InvalidTokenFileException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One token file of the AWS CLI's SSO cache ({@code <cache dir>/<sha1 hex of the cache key>.json}), shared
 * with the AWS CLI and the other SDKs.
 * <p>
 * Writes are atomic (a temporary file in the same directory, then a rename) and leave the file readable by
 * its owner only. {@link #underLock} guards a read-refresh-write cycle against other threads and, through an
 * advisory lock on a {@code .lock} file beside the token file, against other processes. The operating system
 * releases that lock when a process dies, so a crashed process never blocks the others; one that hangs while
 * holding it (stopped in a debugger, for example) delays the others by the lock wait at most. Where the file
 * system cannot lock (a read-only mount, some NFS mounts), the cycle runs without the file lock.
 */
public final class TokenCacheFile {

    private static final Logger logger = LoggerFactory.getLogger(TokenCacheFile.class);

    /** How long {@link #underLock} waits for the lock unless told otherwise. */
    public static final Duration DEFAULT_LOCK_WAIT = Duration.ofSeconds(60);

    private static final ConcurrentMap<Path, ReentrantLock> LOCKS_IN_THIS_JVM = new ConcurrentHashMap<>();

    private static final long LONGEST_PAUSE_MILLIS = 10;

    private static final long LONGEST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(LONGEST_PAUSE_MILLIS);

    private final Path file;

    private static final LockHolders LOCK_HOLDERS = LockHolders.system();

    private final Path lockFile;

    private final Duration lockWait;

    /** Why the lock file could not be used, when that was last logged. */
    private volatile @Nullable String lockProblem;

    /** Set once the engine closes: nobody waits for the lock any more. */
    private volatile boolean closed;

    private TokenCacheFile(Path file, Duration lockWait) {
        this.file = file;
        this.lockFile = file.resolveSibling(file.getFileName() + ".lock");
        this.lockWait = lockWait;
    }

    /**
     * The cache file for {@code cacheKey} (the sso-session name, or the start URL of a legacy profile) in
     * {@code cacheDirectory}, waiting {@link #DEFAULT_LOCK_WAIT} for its lock at most.
     */
    public static TokenCacheFile of(Path cacheDirectory, String cacheKey) {
        return of(cacheDirectory, cacheKey, DEFAULT_LOCK_WAIT);
    }

    /**
     * The cache file for {@code cacheKey} in {@code cacheDirectory}, waiting {@code lockWait} for its lock at
     * most: longer than another process holds it for one refresh (one call to AWS).
     */
    public static TokenCacheFile of(Path cacheDirectory, String cacheKey, Duration lockWait) {
        return new TokenCacheFile(cacheDirectory.toAbsolutePath().normalize().resolve(fileName(cacheKey)),
                lockWait);
    }

    /**
     * The cache file at {@code file}, waiting {@code lockWait} for its lock at most: a file named otherwise than
     * the SSO cache's, such as a login session's.
     */
    public static TokenCacheFile at(Path file, Duration lockWait) {
        return new TokenCacheFile(file.toAbsolutePath().normalize(), lockWait);
    }

    /** The file name the AWS CLI uses for {@code cacheKey}: lower-case hex SHA-1 of its UTF-8 bytes, {@code .json}. */
    public static String fileName(String cacheKey) {
        return CacheFiles.fileName(cacheKey);
    }

    /** The path of the token file. */
    public Path path() {
        return this.file;
    }

    /** The path of the lock file beside the token file. */
    public Path lockFile() {
        return this.lockFile;
    }

    /** How long {@link #underLock(Supplier)} waits for the lock at most. */
    public Duration lockWait() {
        return this.lockWait;
    }

    /**
     * Stops waiting for the lock, for an engine that closes: a wait under way or to come ends at once (a free lock
     * is still taken).
     */
    public void close() {
        this.closed = true;
    }

    /**
     * What the file looks like on disk now, to notice cheaply when someone (for example {@code aws sso login})
     * has replaced it.
     */
    public FileStamp stamp() {
        try {
            return FileStamp.of(Files.readAttributes(this.file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
        }
        catch (IOException ex) {
            return FileStamp.ABSENT;
        }
    }

    /**
     * Reads the token.
     * @return the token, or empty when there is no file (nobody signed in)
     * @throws TokenCacheException when the file exists but cannot be read or holds no valid token
     */
    public Optional<SsoToken> read() {
        return readContent().map((content) -> {
            try {
                return TokenFileCodec.decode(content);
            }
            catch (InvalidTokenFileException ex) {
                throw invalidContent(ex.getMessage());
            }
        });
    }

    /**
     * Reads the file's bytes, refusing a directory, a symbolic link and a file that another user could have
     * written.
     * @return the content, or empty when there is no file
     * @throws TokenCacheException when the file exists but cannot be read
     */
    public Optional<byte[]> readContent() {
        try {
            if (Files.isDirectory(this.file)) {
                throw new TokenCacheException(this.file, "Token cache file " + this.file
                        + " is a directory. Remove or rename it, then sign in again.");
            }
            if (Files.isSymbolicLink(this.file)) {
                throw new TokenCacheException(this.file, "Token cache file " + this.file
                        + " is a symbolic link, which is not followed (another user may have planted it)."
                        + " Remove it, then sign in again.");
            }
            if (Files.exists(this.file, LinkOption.NOFOLLOW_LINKS)) {
                Optional<String> unsafe = CacheDirectorySafety.readProblem(this.file,
                        System.getProperty("user.name", ""));
                if (unsafe.isPresent()) {
                    throw new TokenCacheException(this.file, "Token cache file " + this.file + " is not read: "
                            + unsafe.get());
                }
            }
            return Optional.of(CacheFiles.readNoFollow(this.file));
        }
        catch (NoSuchFileException ex) {
            return Optional.empty();
        }
        catch (AccessDeniedException ex) {
            throw new TokenCacheException(this.file, "Token cache file " + this.file
                    + " cannot be read: permission denied. Give the user running this application read and write"
                    + " access to it (chmod 600, owned by that user).", ex);
        }
        catch (IOException ex) {
            throw new TokenCacheException(this.file, "Token cache file " + this.file + " cannot be read: "
                    + ex.getClass().getSimpleName() + ". Check the file and its directory.", ex);
        }
    }

    /**
     * The failure of a file whose content is not what it should hold.
     * @param problem what is wrong, naming fields but never their values
     */
    public TokenCacheException invalidContent(String problem) {
        return new TokenCacheException(this.file, "Token cache file " + this.file + " holds no valid token: "
                + problem + ". Sign in again to rewrite it; the file was left as it is.");
    }

    /**
     * Replaces the file with {@code token} atomically, readable and writable by the owner only, creating the
     * cache directory when needed.
     * @return the stamp of the file as written, which a file written in its place afterwards does not have
     * @throws TokenCacheException when the file cannot be written; the previous file is then unchanged
     */
    public FileStamp write(SsoToken token) {
        return writeContent(TokenFileCodec.encode(token));
    }

    /**
     * Replaces the file with {@code content} as {@link #write(SsoToken)} does.
     * @return the stamp of the file as written
     * @throws TokenCacheException when the file cannot be written; the previous file is then unchanged
     */
    public FileStamp writeContent(byte[] content) {
        try {
            return FileStamp.of(CacheFiles.writeAtomically(this.file, content));
        }
        catch (IOException ex) {
            throw new TokenCacheException(this.file, "Token cache file " + this.file + " cannot be written ("
                    + CacheFiles.reason(ex) + "). Check that the directory " + this.file.getParent()
                    + " exists, is writable by the user running this application and has space left.", ex);
        }
    }

    /**
     * Deletes the file (signing out), leaving every other file of the cache directory alone.
     * @return whether there was a file to delete
     * @throws TokenCacheException when the file exists but cannot be deleted
     */
    public boolean delete() {
        try {
            return Files.deleteIfExists(this.file);
        }
        catch (IOException ex) {
            throw new TokenCacheException(this.file, "Token cache file " + this.file + " cannot be deleted: "
                    + ex.getClass().getSimpleName() + ". Delete it by hand to sign out.", ex);
        }
    }

    /**
     * Runs {@code action} while holding this file's lock: exclusive among threads of this JVM (also when other
     * engines reach the file through another path, a symlinked directory for example) and, through an advisory
     * file lock, among processes that use the same protocol. Where the lock file cannot be used (a read-only
     * cache directory, a file system without lock support), {@code action} runs without the file lock, and
     * that is logged once.
     * @throws TokenCacheException when the lock cannot be had within the lock wait (another process holds it
     *     and hangs), when waiting is interrupted, or when this file was {@linkplain #close() closed}
     */
    public <T> T underLock(Supplier<T> action) {
        return underLock(action, this.lockWait);
    }

    /**
     * Runs {@code action} as {@link #underLock(Supplier)} does, waiting {@code wait} for the lock at most (never
     * longer than the lock wait): the wait of a caller that cannot wait longer.
     * @throws TokenCacheException when the lock cannot be had within that wait, when waiting is interrupted, or
     *     when this file was {@linkplain #close() closed}
     */
    public <T> T underLock(Supplier<T> action, Duration wait) {
        Duration bounded = (wait.compareTo(this.lockWait) < 0) ? wait : this.lockWait;
        long deadline = System.nanoTime() + bounded.toNanos();
        ReentrantLock jvmLock = LOCKS_IN_THIS_JVM.computeIfAbsent(identity(), (path) -> new ReentrantLock());
        lockInThisJvm(jvmLock, deadline, bounded);
        try {
            FileChannel locked = lockFile(deadline, bounded);
            try {
                return action.get();
            }
            finally {
                closeQuietly(locked);
            }
        }
        finally {
            jvmLock.unlock();
        }
    }

    /** Takes {@code jvmLock}, waiting until {@code deadline} ({@link System#nanoTime()}) at most, or until closed. */
    private void lockInThisJvm(ReentrantLock jvmLock, long deadline, Duration wait) {
        try {
            while (!jvmLock.tryLock(Math.max(0, Math.min(deadline - System.nanoTime(), LONGEST_PAUSE_NANOS)),
                    TimeUnit.NANOSECONDS)) {
                if (this.closed) {
                    throw closedWhileWaiting();
                }
                if (System.nanoTime() - deadline >= 0) {
                    throw lockNotAcquired("another thread of this application", wait);
                }
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw interrupted(ex);
        }
    }

    /**
     * The file as the operating system knows it: the real path of its directory and its name, the same however
     * the directory is reached; the path given when the directory does not exist yet.
     */
    private Path identity() {
        try {
            return this.file.getParent().toRealPath().resolve(this.file.getFileName());
        }
        catch (IOException ex) {
            return this.file;
        }
    }

    /**
     * Locks the lock file, waiting until {@code deadline} ({@link System#nanoTime()}) at most.
     * @return the channel holding the lock (closing it releases the lock), or {@code null} when the lock file
     *     cannot be used
     */
    private @Nullable FileChannel lockFile(long deadline, Duration wait) {
        FileChannel channel = null;
        try {
            CacheFiles.createDirectory(this.lockFile.getParent());
            channel = CacheFiles.openLockFile(this.lockFile, System.getProperty("user.name", ""));
            channel = waitForLock(channel, deadline, wait);
            return channel;
        }
        catch (ClosedByInterruptException ex) {
            throw interrupted(ex);
        }
        catch (IOException ex) {
            closeQuietly(channel);
            String reason = CacheFiles.reason(ex);
            if (!reason.equals(this.lockProblem)) {
                this.lockProblem = reason;
                logger.warn("Lock file {} cannot be used ({}): the token is refreshed without the lock between"
                        + " processes. The threads of this application still take turns.", this.lockFile, reason);
            }
            return null;
        }
        catch (RuntimeException ex) {
            closeQuietly(channel);
            throw ex;
        }
    }

    /**
     * Polls for the file lock until {@code deadline}. A lock held by this JVM through another channel (an engine
     * of another class loader, after a DevTools restart for example) is waited for like one of another process; a
     * lock that a process of another user holds is not waited for: the lock file is replaced instead.
     * @return the channel that holds the lock, {@code channel} or the channel of the new lock file
     */
    private FileChannel waitForLock(FileChannel channel, long deadline, Duration wait) throws IOException {
        FileChannel current = channel;
        boolean holdersChecked = false;
        long pause = 1;
        while (true) {
            try {
                if (current.tryLock() != null) {
                    return current;
                }
            }
            catch (OverlappingFileLockException ex) {
                // held by another channel of this JVM: wait for it as for another process
            }
            if (!holdersChecked) {
                holdersChecked = true;
                if (LOCK_HOLDERS.heldByAnotherUser(this.lockFile)) {
                    logger.warn("Another user of this machine holds the lock of {}: it is replaced by a lock file of"
                            + " this user's only.", this.lockFile);
                    closeQuietly(current);
                    CacheFiles.replaceLockFile(this.lockFile);
                    current = CacheFiles.openLockFile(this.lockFile, System.getProperty("user.name", ""));
                    continue;
                }
            }
            if (this.closed) {
                closeQuietly(current);
                throw closedWhileWaiting();
            }
            if (System.nanoTime() - deadline >= 0) {
                closeQuietly(current);
                throw lockNotAcquired("another process or another engine of this application", wait);
            }
            try {
                Thread.sleep(pause);
            }
            catch (InterruptedException ex) {
                closeQuietly(current);
                Thread.currentThread().interrupt();
                throw interrupted(ex);
            }
            pause = Math.min(pause * 2, LONGEST_PAUSE_MILLIS);
        }
    }

    private static void closeQuietly(@Nullable FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            }
            catch (IOException ex) {
                // the operating system releases the lock with the file descriptor
            }
        }
    }

    private TokenCacheException interrupted(Exception cause) {
        return new TokenCacheException(this.file, "Interrupted while waiting for the lock file " + this.lockFile
                + ".", cause);
    }

    private TokenCacheException closedWhileWaiting() {
        return new TokenCacheException(this.file, "Stopped waiting for the lock file " + this.lockFile
                + ": the engine is closing.");
    }

    private TokenCacheException lockNotAcquired(String holder, Duration wait) {
        if (wait.compareTo(this.lockWait) < 0) {
            return new CacheLockTimeoutException(this.file, "Lock file " + this.lockFile + " was held by " + holder
                    + " for more than " + wait.toMillis() + " ms, the wait of the caller.");
        }
        return new CacheLockTimeoutException(this.file, "Lock file " + this.lockFile + " was held by " + holder
                + " for more than " + this.lockWait.toMillis() + " ms, longer than a refresh takes: the holder may"
                + " hang (stopped in a debugger, for example). Trying again later.");
    }

    @Override
    public String toString() {
        return this.file.toString();
    }

    /**
     * Modification time, size and identity of a file: changes whenever the file is rewritten or replaced.
     *
     * @param modifiedMillis last modification time in milliseconds
     * @param size size in bytes
     * @param fileKey file system identity of the file (inode), or {@code null} where unavailable
     */
    public record FileStamp(long modifiedMillis, long size, @Nullable Object fileKey) {

        /** The stamp of a file that does not exist. */
        public static final FileStamp ABSENT = new FileStamp(-1, -1, null);

        static FileStamp of(BasicFileAttributes attributes) {
            return new FileStamp(attributes.lastModifiedTime().toMillis(), attributes.size(), attributes.fileKey());
        }
    }
}
