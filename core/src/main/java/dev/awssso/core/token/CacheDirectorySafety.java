package dev.awssso.core.token;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.awssso.core.config.ConfigurationProblem;
import dev.awssso.core.internal.ShellWords;

/**
 * Whether another user of the machine could change the files of a cache directory, as ssh asks of
 * {@code ~/.ssh}: the directory (a symbolic link is followed, so a linked {@code ~/.aws} is judged by its target)
 * must belong to the user running the application (or root) and be writable by no group and nobody else.
 * A read-only directory is fine, and so is any directory on a read-only mount. File systems without POSIX
 * attributes are not judged.
 */
public final class CacheDirectorySafety {

    private static final int STICKY = 01000;

    private static final int GROUP_WRITE = 0020;

    private static final int OTHERS_WRITE = 0002;

    private static final Set<PosixFilePermission> SHARED_WRITE = Set.of(PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.OTHERS_WRITE);

    private CacheDirectorySafety() {
    }

    /**
     * What makes {@code directory} unsafe, with the command that fixes it.
     * @param user the name of the user running the application
     * @return the problem, or empty when only its owner can change the directory or it does not exist yet
     */
    public static Optional<ConfigurationProblem> problem(Path directory, String user) {
        if (!Files.isDirectory(directory)
                || !directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return Optional.empty();
        }
        PosixFileAttributes attributes;
        try {
            if (Files.getFileStore(directory).isReadOnly()) {
                // a read-only mount, as a container is given the host's sign-in: its owner on the host is not a
                // user of this machine, and nothing here can plant a token through it
                return Optional.empty();
            }
            attributes = Files.readAttributes(directory, PosixFileAttributes.class);
        }
        catch (IOException ex) {
            return Optional.empty();
        }
        if (!isUserOrRoot(directory, attributes.owner(), user)) {
            return Optional.of(new ConfigurationProblem("The token cache directory " + directory
                    + " belongs to user " + attributes.owner().getName() + ", not to " + user
                    + ", who could plant or read tokens there", "run `chown " + ShellWords.quote(user) + " "
                    + ShellWords.quote(directory.toString()) + " && chmod 700 " + ShellWords.quote(directory.toString())
                    + "`, or set aws.sso.cache-dir to a directory of your own."));
        }
        if (attributes.permissions().stream().anyMatch(SHARED_WRITE::contains)) {
            return Optional.of(new ConfigurationProblem("The token cache directory " + directory
                    + " can be written by other users (mode " + PosixFilePermissions.toString(attributes.permissions())
                    + "), who could plant tokens there",
                    "run `chmod 700 " + ShellWords.quote(directory.toString()) + "`."));
        }
        return Optional.empty();
    }

    /**
     * What makes a file of the cache unsafe to read, each time it is read: a directory on the way to it that another
     * user could change (owned by another user, or writable by others without the sticky bit of {@code /tmp}), the
     * cache directory as {@link #problem} judges it, or a file that another user owns, who may have planted it.
     * @param file the cache file, which exists
     * @param user the name of the user running the application
     * @return what is wrong and how to fix it, or empty
     */
    public static Optional<String> readProblem(Path file, String user) {
        Path directory = file.getParent();
        if (directory == null || !file.getFileSystem().supportedFileAttributeViews().contains("unix")) {
            return Optional.empty();
        }
        try {
            Path real = directory.toRealPath();
            for (Path ancestor = real.getParent(); ancestor != null; ancestor = ancestor.getParent()) {
                Optional<String> problem = ancestorProblem(ancestor, user);
                if (problem.isPresent()) {
                    return problem;
                }
            }
            Optional<ConfigurationProblem> cacheDirectory = problem(directory, user);
            if (cacheDirectory.isPresent()) {
                return Optional.of(cacheDirectory.get().description() + ": " + cacheDirectory.get().action());
            }
            UserPrincipal owner = Files.getOwner(file, LinkOption.NOFOLLOW_LINKS);
            if (!isUserOrRoot(file, owner, user) && !Files.getFileStore(file).isReadOnly()) {
                return Optional.of(file + " belongs to user " + owner.getName() + ", not to " + user
                        + ", who may have planted it: remove it, then sign in again.");
            }
            return Optional.empty();
        }
        catch (IOException ex) {
            return Optional.empty();
        }
    }

    private static Optional<String> ancestorProblem(Path directory, String user) throws IOException {
        Map<String, Object> unix = Files.readAttributes(directory, "unix:mode,owner,group");
        int mode = (Integer) unix.get("mode");
        UserPrincipal owner = (UserPrincipal) unix.get("owner");
        boolean sticky = (mode & STICKY) != 0;
        boolean othersWrite = (mode & OTHERS_WRITE) != 0
                || ((mode & GROUP_WRITE) != 0 && !((GroupPrincipal) unix.get("group")).getName().equals(user));
        if (isUserOrRoot(directory, owner, user) && (sticky || !othersWrite)) {
            return Optional.empty();
        }
        if (Files.getFileStore(directory).isReadOnly()) {
            return Optional.empty();
        }
        return Optional.of("The directory " + directory + " on the way to the token cache can be changed by "
                + (isUserOrRoot(directory, owner, user) ? "other users" : "user " + owner.getName())
                + ", who could swap the cache for one of theirs: run `chmod go-w " + ShellWords.quote(directory.toString())
                + "`, or set aws.sso.cache-dir to a directory of your own.");
    }

    static boolean isUserOrRoot(Path directory, UserPrincipal owner, String user) {
        if (owner.getName().equals(user) || owner.getName().equals("root")) {
            return true;
        }
        try {
            return owner.equals(directory.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user));
        }
        catch (IOException ex) {
            // the user has no name the system knows (a container's bare uid): nothing to compare with
            return true;
        }
    }
}
