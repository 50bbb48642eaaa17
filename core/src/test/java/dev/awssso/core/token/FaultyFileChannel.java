package dev.awssso.core.token;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;

/**
 * A channel of the default file system that fails writes on a full disk and locks without lock support, as
 * its {@link FaultyFileSystem} says, and records syncs.
 */
final class FaultyFileChannel extends FileChannel {

    private final FaultyFileSystem fileSystem;

    private final Path path;

    private final FileChannel delegate;

    FaultyFileChannel(FaultyFileSystem fileSystem, Path path, FileChannel delegate) {
        this.fileSystem = fileSystem;
        this.path = path;
        this.delegate = delegate;
    }

    private void requireSpace() throws IOException {
        if (this.fileSystem.isDiskFull()) {
            throw FaultyFileSystem.noSpaceLeft();
        }
    }

    private void requireLocks() throws IOException {
        if (this.fileSystem.hasNoLocks()) {
            throw FaultyFileSystem.noLocksAvailable();
        }
    }

    @Override
    public int read(ByteBuffer target) throws IOException {
        return this.delegate.read(target);
    }

    @Override
    public long read(ByteBuffer[] targets, int offset, int length) throws IOException {
        return this.delegate.read(targets, offset, length);
    }

    @Override
    public int read(ByteBuffer target, long position) throws IOException {
        return this.delegate.read(target, position);
    }

    @Override
    public int write(ByteBuffer source) throws IOException {
        requireSpace();
        return this.delegate.write(source);
    }

    @Override
    public long write(ByteBuffer[] sources, int offset, int length) throws IOException {
        requireSpace();
        return this.delegate.write(sources, offset, length);
    }

    @Override
    public int write(ByteBuffer source, long position) throws IOException {
        requireSpace();
        return this.delegate.write(source, position);
    }

    @Override
    public long position() throws IOException {
        return this.delegate.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        this.delegate.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return this.delegate.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        this.delegate.truncate(size);
        return this;
    }

    @Override
    public void force(boolean metaData) throws IOException {
        this.delegate.force(metaData);
        this.fileSystem.record("force " + this.path.getFileName());
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
        return this.delegate.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel source, long position, long count) throws IOException {
        requireSpace();
        return this.delegate.transferFrom(source, position, count);
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
        return this.delegate.map(mode, position, size);
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
        requireLocks();
        return this.delegate.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        requireLocks();
        return this.delegate.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
        this.delegate.close();
    }
}
