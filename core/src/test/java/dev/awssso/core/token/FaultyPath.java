package dev.awssso.core.token;

import java.io.IOException;
import java.net.URI;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;

import org.jspecify.annotations.Nullable;

/** A path of the default file system, seen through a {@link FaultyFileSystem}. */
final class FaultyPath implements Path {

    private final FaultyFileSystem fileSystem;

    private final Path delegate;

    FaultyPath(FaultyFileSystem fileSystem, Path delegate) {
        this.fileSystem = fileSystem;
        this.delegate = delegate;
    }

    /** The path of the default file system behind {@code path}. */
    static Path unwrap(Path path) {
        if (path instanceof FaultyPath faulty) {
            return faulty.delegate;
        }
        throw new ProviderMismatchException(path + " is not a path of a faulty file system");
    }

    private @Nullable Path wrapOrNull(@Nullable Path path) {
        return (path != null) ? this.fileSystem.wrap(path) : null;
    }

    @Override
    public FaultyFileSystem getFileSystem() {
        return this.fileSystem;
    }

    @Override
    public boolean isAbsolute() {
        return this.delegate.isAbsolute();
    }

    @Override
    public @Nullable Path getRoot() {
        return wrapOrNull(this.delegate.getRoot());
    }

    @Override
    public @Nullable Path getFileName() {
        return wrapOrNull(this.delegate.getFileName());
    }

    @Override
    public @Nullable Path getParent() {
        return wrapOrNull(this.delegate.getParent());
    }

    @Override
    public int getNameCount() {
        return this.delegate.getNameCount();
    }

    @Override
    public Path getName(int index) {
        return this.fileSystem.wrap(this.delegate.getName(index));
    }

    @Override
    public Path subpath(int beginIndex, int endIndex) {
        return this.fileSystem.wrap(this.delegate.subpath(beginIndex, endIndex));
    }

    @Override
    public boolean startsWith(Path other) {
        return this.delegate.startsWith(unwrap(other));
    }

    @Override
    public boolean endsWith(Path other) {
        return this.delegate.endsWith(unwrap(other));
    }

    @Override
    public Path normalize() {
        return this.fileSystem.wrap(this.delegate.normalize());
    }

    @Override
    public Path resolve(Path other) {
        return this.fileSystem.wrap(this.delegate.resolve(unwrap(other)));
    }

    @Override
    public Path relativize(Path other) {
        return this.fileSystem.wrap(this.delegate.relativize(unwrap(other)));
    }

    @Override
    public URI toUri() {
        return this.delegate.toUri();
    }

    @Override
    public Path toAbsolutePath() {
        return this.fileSystem.wrap(this.delegate.toAbsolutePath());
    }

    @Override
    public Path toRealPath(LinkOption... options) throws IOException {
        return this.fileSystem.wrap(this.delegate.toRealPath(options));
    }

    @Override
    public WatchKey register(WatchService watcher, WatchEvent.Kind<?>[] events, WatchEvent.Modifier... modifiers) {
        throw new UnsupportedOperationException("The faulty file system watches nothing");
    }

    @Override
    public int compareTo(Path other) {
        return this.delegate.compareTo(unwrap(other));
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof FaultyPath path && path.fileSystem == this.fileSystem
                && path.delegate.equals(this.delegate);
    }

    @Override
    public int hashCode() {
        return this.delegate.hashCode();
    }

    @Override
    public String toString() {
        return this.delegate.toString();
    }
}
