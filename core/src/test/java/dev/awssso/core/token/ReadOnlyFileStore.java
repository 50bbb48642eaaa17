package dev.awssso.core.token;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.FileStoreAttributeView;

/** A file store seen through a read-only mount: the store itself, but {@link #isReadOnly()}. */
final class ReadOnlyFileStore extends FileStore {

    private final FileStore store;

    ReadOnlyFileStore(FileStore store) {
        this.store = store;
    }

    @Override
    public boolean isReadOnly() {
        return true;
    }

    @Override
    public String name() {
        return this.store.name();
    }

    @Override
    public String type() {
        return this.store.type();
    }

    @Override
    public long getTotalSpace() throws IOException {
        return this.store.getTotalSpace();
    }

    @Override
    public long getUsableSpace() throws IOException {
        return this.store.getUsableSpace();
    }

    @Override
    public long getUnallocatedSpace() throws IOException {
        return this.store.getUnallocatedSpace();
    }

    @Override
    public boolean supportsFileAttributeView(Class<? extends FileAttributeView> type) {
        return this.store.supportsFileAttributeView(type);
    }

    @Override
    public boolean supportsFileAttributeView(String name) {
        return this.store.supportsFileAttributeView(name);
    }

    @Override
    public <V extends FileStoreAttributeView> V getFileStoreAttributeView(Class<V> type) {
        return this.store.getFileStoreAttributeView(type);
    }

    @Override
    public Object getAttribute(String attribute) throws IOException {
        return this.store.getAttribute(attribute);
    }
}
