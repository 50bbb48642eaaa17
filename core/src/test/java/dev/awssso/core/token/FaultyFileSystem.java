package dev.awssso.core.token;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.WatchService;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.spi.FileSystemProvider;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * The default file system seen through a wrapper that can be told, while a test runs, to fail the way real
 * machines do: a read-only mount, a full disk, a refused rename, a file that cannot be read, a file system
 * without lock support (NFS answering {@code ENOLCK}). Unlike file modes, these failures also stop root.
 * <p>
 * Give the engine a path from {@link #wrap(Path)}: every {@code Files} and {@code FileChannel} call on it (and
 * on the paths resolved from it) goes through this file system. Thread-safe.
 */
public final class FaultyFileSystem extends FileSystem {

    private final FileSystem delegate = FileSystems.getDefault();

    private final FaultyFileSystemProvider provider = new FaultyFileSystemProvider(this);

    private final List<String> operations = new CopyOnWriteArrayList<>();

    private volatile boolean failReads;

    private volatile boolean readOnly;

    private volatile boolean diskFull;

    private volatile boolean refuseRenames;

    private volatile boolean noLocks;

    private volatile Consumer<Path> beforeOpen = (path) -> {
    };

    /** {@code path} of the default file system, seen through this one. */
    public Path wrap(Path path) {
        if (path instanceof FaultyPath) {
            throw new IllegalArgumentException(path + " is already wrapped");
        }
        return new FaultyPath(this, path);
    }

    /** Opening a file to read it fails as for a file of mode 000 ({@code AccessDeniedException}). */
    public void failReads() {
        this.failReads = true;
    }

    /**
     * Everything that would change the disk fails with {@code FileSystemException} "Read-only file system", as on
     * a {@code :ro} mount: creating, writing, renaming and deleting files and directories, and asking for write
     * access; the file store says it is read-only.
     */
    public void readOnly() {
        this.readOnly = true;
    }

    /** Writing bytes to a file fails with {@code IOException} "No space left on device"; creating files works. */
    public void diskFull() {
        this.diskFull = true;
    }

    /** Renaming files fails with {@code AccessDeniedException} "Operation not permitted". */
    public void refuseRenames() {
        this.refuseRenames = true;
    }

    /** Locking a file fails with {@code IOException} "No locks available", as some NFS mounts answer. */
    public void noLocks() {
        this.noLocks = true;
    }

    /**
     * Runs {@code action} on the real path before each file is opened, as another user acting between two steps
     * of a write would.
     */
    public void beforeEachOpen(Consumer<Path> action) {
        this.beforeOpen = action;
    }

    /** Ends every failure: the file system works normally again. */
    public void heal() {
        this.failReads = false;
        this.readOnly = false;
        this.diskFull = false;
        this.refuseRenames = false;
        this.noLocks = false;
    }

    /**
     * The renames and syncs made so far, in order: {@code "move <target file name>"} and
     * {@code "force <file or directory name>"}.
     */
    public List<String> operations() {
        return List.copyOf(this.operations);
    }

    void beforeOpen(Path real) {
        this.beforeOpen.accept(real);
    }

    void record(String operation) {
        this.operations.add(operation);
    }

    FileSystem delegate() {
        return this.delegate;
    }

    boolean failsReads() {
        return this.failReads;
    }

    boolean isDiskFull() {
        return this.diskFull;
    }

    boolean refusesRenames() {
        return this.refuseRenames;
    }

    boolean hasNoLocks() {
        return this.noLocks;
    }

    /** Throws as a read-only mount does when it is one. */
    void requireWritable(Path path) throws FileSystemException {
        if (this.readOnly) {
            throw new FileSystemException(path.toString(), null, "Read-only file system");
        }
    }

    /** Throws as for a file of mode 000 when reads fail. */
    void requireReadable(Path path) throws AccessDeniedException {
        if (this.failReads) {
            throw new AccessDeniedException(path.toString(), null, "Permission denied");
        }
    }

    static IOException noSpaceLeft() {
        return new IOException("No space left on device");
    }

    static IOException noLocksAvailable() {
        return new IOException("No locks available");
    }

    @Override
    public FileSystemProvider provider() {
        return this.provider;
    }

    @Override
    public void close() {
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public boolean isReadOnly() {
        return this.readOnly;
    }

    @Override
    public String getSeparator() {
        return this.delegate.getSeparator();
    }

    @Override
    public Iterable<Path> getRootDirectories() {
        return StreamSupport.stream(this.delegate.getRootDirectories().spliterator(), false)
            .map(this::wrap)
            .collect(Collectors.toList());
    }

    @Override
    public Iterable<FileStore> getFileStores() {
        return this.delegate.getFileStores();
    }

    @Override
    public Set<String> supportedFileAttributeViews() {
        return this.delegate.supportedFileAttributeViews();
    }

    @Override
    public Path getPath(String first, String... more) {
        return wrap(this.delegate.getPath(first, more));
    }

    @Override
    public PathMatcher getPathMatcher(String syntaxAndPattern) {
        PathMatcher matcher = this.delegate.getPathMatcher(syntaxAndPattern);
        return (path) -> matcher.matches(FaultyPath.unwrap(path));
    }

    @Override
    public UserPrincipalLookupService getUserPrincipalLookupService() {
        return this.delegate.getUserPrincipalLookupService();
    }

    @Override
    public WatchService newWatchService() {
        throw new UnsupportedOperationException("The faulty file system watches nothing");
    }
}
