package dev.awssso.core.token;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.spi.FileSystemProvider;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/** Passes every operation to the default provider, failing those its {@link FaultyFileSystem} is told to. */
final class FaultyFileSystemProvider extends FileSystemProvider {

    private static final Set<OpenOption> CHANGING_OPTIONS = Set.of(StandardOpenOption.WRITE, StandardOpenOption.APPEND,
            StandardOpenOption.CREATE, StandardOpenOption.CREATE_NEW, StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.DELETE_ON_CLOSE);

    private final FaultyFileSystem fileSystem;

    FaultyFileSystemProvider(FaultyFileSystem fileSystem) {
        this.fileSystem = fileSystem;
    }

    private FileSystemProvider delegate() {
        return this.fileSystem.delegate().provider();
    }

    @Override
    public String getScheme() {
        return "faulty";
    }

    @Override
    public FileSystem newFileSystem(URI uri, Map<String, ?> env) {
        throw new UnsupportedOperationException("Create a FaultyFileSystem directly");
    }

    @Override
    public FileSystem getFileSystem(URI uri) {
        throw new UnsupportedOperationException("Use FaultyFileSystem.wrap");
    }

    @Override
    public Path getPath(URI uri) {
        throw new UnsupportedOperationException("Use FaultyFileSystem.wrap");
    }

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options,
            FileAttribute<?>... attributes) throws IOException {
        return newFileChannel(path, options, attributes);
    }

    @Override
    public FileChannel newFileChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attributes)
            throws IOException {
        Path real = FaultyPath.unwrap(path);
        this.fileSystem.beforeOpen(real);
        if (options.stream().anyMatch(CHANGING_OPTIONS::contains)) {
            this.fileSystem.requireWritable(path);
        }
        else if (!Files.isDirectory(real)) {
            this.fileSystem.requireReadable(path);
        }
        return new FaultyFileChannel(this.fileSystem, path, this.delegate().newFileChannel(real, options, attributes));
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path directory, DirectoryStream.Filter<? super Path> filter)
            throws IOException {
        DirectoryStream<Path> entries = this.delegate()
            .newDirectoryStream(FaultyPath.unwrap(directory), (entry) -> filter.accept(this.fileSystem.wrap(entry)));
        return new DirectoryStream<>() {

            @Override
            public Iterator<Path> iterator() {
                Iterator<Path> real = entries.iterator();
                return new Iterator<>() {

                    @Override
                    public boolean hasNext() {
                        return real.hasNext();
                    }

                    @Override
                    public Path next() {
                        return FaultyFileSystemProvider.this.fileSystem.wrap(real.next());
                    }
                };
            }

            @Override
            public void close() throws IOException {
                entries.close();
            }
        };
    }

    @Override
    public void createDirectory(Path directory, FileAttribute<?>... attributes) throws IOException {
        if (!Files.exists(FaultyPath.unwrap(directory))) {
            this.fileSystem.requireWritable(directory);
        }
        this.delegate().createDirectory(FaultyPath.unwrap(directory), attributes);
    }

    @Override
    public void createSymbolicLink(Path link, Path target, FileAttribute<?>... attributes) throws IOException {
        this.fileSystem.requireWritable(link);
        this.delegate().createSymbolicLink(FaultyPath.unwrap(link), FaultyPath.unwrap(target), attributes);
    }

    @Override
    public Path readSymbolicLink(Path link) throws IOException {
        return this.fileSystem.wrap(this.delegate().readSymbolicLink(FaultyPath.unwrap(link)));
    }

    @Override
    public void delete(Path path) throws IOException {
        this.fileSystem.requireWritable(path);
        this.delegate().delete(FaultyPath.unwrap(path));
    }

    @Override
    public void copy(Path source, Path target, CopyOption... options) throws IOException {
        this.fileSystem.requireWritable(target);
        this.delegate().copy(FaultyPath.unwrap(source), FaultyPath.unwrap(target), options);
    }

    @Override
    public void move(Path source, Path target, CopyOption... options) throws IOException {
        this.fileSystem.requireWritable(target);
        if (this.fileSystem.refusesRenames()) {
            throw new AccessDeniedException(source.toString(), target.toString(), "Operation not permitted");
        }
        this.delegate().move(FaultyPath.unwrap(source), FaultyPath.unwrap(target), options);
        this.fileSystem.record("move " + target.getFileName());
    }

    @Override
    public boolean isSameFile(Path path, Path other) throws IOException {
        return this.delegate().isSameFile(FaultyPath.unwrap(path), FaultyPath.unwrap(other));
    }

    @Override
    public boolean isHidden(Path path) throws IOException {
        return this.delegate().isHidden(FaultyPath.unwrap(path));
    }

    @Override
    public FileStore getFileStore(Path path) throws IOException {
        FileStore store = this.delegate().getFileStore(FaultyPath.unwrap(path));
        return this.fileSystem.isReadOnly() ? new ReadOnlyFileStore(store) : store;
    }

    @Override
    public void checkAccess(Path path, AccessMode... modes) throws IOException {
        if (Arrays.asList(modes).contains(AccessMode.WRITE)) {
            this.fileSystem.requireWritable(path);
        }
        this.delegate().checkAccess(FaultyPath.unwrap(path), modes);
    }

    @Override
    public <V extends FileAttributeView> V getFileAttributeView(Path path, Class<V> type, LinkOption... options) {
        return this.delegate().getFileAttributeView(FaultyPath.unwrap(path), type, options);
    }

    @Override
    public <A extends BasicFileAttributes> A readAttributes(Path path, Class<A> type, LinkOption... options)
            throws IOException {
        return this.delegate().readAttributes(FaultyPath.unwrap(path), type, options);
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options)
            throws IOException {
        return this.delegate().readAttributes(FaultyPath.unwrap(path), attributes, options);
    }

    @Override
    public void setAttribute(Path path, String attribute, Object value, LinkOption... options) throws IOException {
        this.fileSystem.requireWritable(path);
        this.delegate().setAttribute(FaultyPath.unwrap(path), attribute, value, options);
    }
}
