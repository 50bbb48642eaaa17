package dev.awssso.core.token;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * File handling shared by the files of the SSO cache directory: names as the AWS CLI derives them, and
 * atomic, owner-only writes.
 */
public final class CacheFiles {

    /** The largest cache file read: the CLI's token and registration files are far smaller. */
    static final int MAX_SIZE = 64 * 1024;

    private static final Logger logger = LoggerFactory.getLogger(CacheFiles.class);


    private static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");

    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private CacheFiles() {
    }

    /** The lower-case hex SHA-1 of the UTF-8 bytes of {@code key}, plus {@code .json}, as the AWS CLI names files. */
    public static String fileName(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest) + ".json";
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-1 is not available in this JVM", ex);
        }
    }

    /**
     * Replaces {@code file} with {@code content} atomically (a temporary file in the same directory, then a
     * rename), readable and writable by the owner only, creating the directory (owner only) when needed. The
     * bytes go through the channel that created the temporary file, so a link planted under its name is never
     * followed. The
     * directory is synced after the rename, so that a power cut right after it does not bring the old file back.
     * On failure the previous file is unchanged and no temporary file is left behind.
     * @return the attributes of the file as written (the rename keeps them), to tell it apart from a file that
     *     someone else writes in its place afterwards
     */
    public static BasicFileAttributes writeAtomically(Path file, byte[] content) throws IOException {
        Path directory = file.getParent();
        Path temporary = null;
        try {
            createDirectory(directory);
            Path created = directory.resolve(file.getFileName() + "." + UUID.randomUUID() + ".tmp");
            try (FileChannel channel = FileChannel.open(created, Set.of(StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS), ownerOnly(directory, OWNER_READ_WRITE))) {
                temporary = created;
                channel.write(ByteBuffer.wrap(content));
                channel.force(true);
            }
            BasicFileAttributes written = Files.readAttributes(temporary, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            catch (AtomicMoveNotSupportedException ex) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
            temporary = null;
            syncDirectory(directory);
            return written;
        }
        finally {
            deleteQuietly(temporary);
        }
    }

    /**
     * Reads {@code file} unless it is a symbolic link, which someone else may have planted in the directory
     * ({@code FileSystemException} "Too many levels of symbolic links" on Linux), not a regular file (a FIFO would
     * block the reader), or larger than {@link #MAX_SIZE} (a cache file is a few hundred bytes).
     */
    public static byte[] readNoFollow(Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS);
        if (!attributes.isRegularFile()) {
            throw new IOException(file + " is not a regular file");
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            if (channel.size() > MAX_SIZE) {
                throw new IOException(file + " is larger than " + MAX_SIZE + " bytes, more than any cache file");
            }
            ByteBuffer content = ByteBuffer.allocate(MAX_SIZE + 1);
            while (content.hasRemaining() && channel.read(content) >= 0) {
                // read until the end, or one byte past the limit of a file that grew meanwhile
            }
            if (content.position() > MAX_SIZE) {
                throw new IOException(file + " is larger than " + MAX_SIZE + " bytes, more than any cache file");
            }
            return Arrays.copyOf(content.array(), content.position());
        }
    }

    /**
     * Why an operation on a cache file failed, in the words of the operating system where it gave some
     * ({@code Read-only file system}, {@code No space left on device}), else the type of the failure.
     */
    static String reason(IOException failure) {
        String reason = (failure instanceof FileSystemException fileSystem) ? fileSystem.getReason()
                : failure.getMessage();
        return (reason != null) ? reason : failure.getClass().getSimpleName();
    }

    /** Makes a rename in {@code directory} durable, where the platform can sync a directory (Windows cannot). */
    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
        catch (IOException ex) {
            // the platform cannot open or sync a directory: the rename is as durable as it makes it
        }
    }

    /** Creates {@code directory} and its missing parents, owner only, unless it exists. */
    /**
     * Opens the lock file for locking, created owner-only. A lock file that other users could open (0.1.0 left
     * them 0644) is made the owner's only first, and one that another user owns is replaced by one of the owner's.
     * @param user the name of the user running the application
     */
    static FileChannel openLockFile(Path lockFile, String user) throws IOException {
        if (lockFile.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            tightenOrReplace(lockFile, user);
        }
        return FileChannel.open(lockFile, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS), ownerOnly(lockFile.getParent(), OWNER_READ_WRITE));
    }

    /** Replaces the lock file by an empty one of the owner's only: a lock of another user on the old one is left. */
    static void replaceLockFile(Path lockFile) throws IOException {
        writeAtomically(lockFile, new byte[0]);
    }

    private static void tightenOrReplace(Path lockFile, String user) throws IOException {
        PosixFileAttributes attributes;
        try {
            attributes = Files.readAttributes(lockFile, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        }
        catch (NoSuchFileException ex) {
            return;
        }
        if (!attributes.isRegularFile()) {
            return;
        }
        if (!CacheDirectorySafety.isUserOrRoot(lockFile, attributes.owner(), user)) {
            replaceLockFile(lockFile);
            logger.info("Replaced the lock file {} of user {}: a lock of theirs could stall every refresh.", lockFile,
                    attributes.owner().getName());
        }
        else if (!OWNER_READ_WRITE.containsAll(attributes.permissions())) {
            Files.setPosixFilePermissions(lockFile, OWNER_READ_WRITE);
            logger.info("Made the lock file {} the owner's only (it was {}): a lock of another user could stall"
                    + " every refresh.", lockFile, PosixFilePermissions.toString(attributes.permissions()));
        }
    }

    static void createDirectory(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory, ownerOnly(directory, OWNER_ONLY_DIRECTORY));
        }
    }

    private static FileAttribute<?>[] ownerOnly(Path path, Set<PosixFilePermission> permissions) {
        boolean posix = path.getFileSystem().supportedFileAttributeViews().contains("posix");
        return posix ? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(permissions) }
                : new FileAttribute<?>[0];
    }

    private static void deleteQuietly(@Nullable Path temporary) {
        if (temporary != null) {
            try {
                Files.deleteIfExists(temporary);
            }
            catch (IOException ex) {
                // the failure that brought us here is the one worth reporting
            }
        }
    }
}
