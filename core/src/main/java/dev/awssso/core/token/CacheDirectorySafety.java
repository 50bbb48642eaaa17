package dev.awssso.core.token;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Optional;
import java.util.Set;

import dev.awssso.core.config.ConfigurationProblem;
import dev.awssso.core.config.ShellWords;

/**
 * Whether another user of the machine could change the files of a cache directory, as ssh asks of
 * {@code ~/.ssh}: the directory (a symbolic link is followed, so a linked {@code ~/.aws} is judged by its target)
 * must belong to the user running the application (or root) and be writable by no group and nobody else.
 * A read-only directory is fine, and so is any directory on a read-only mount. File systems without POSIX
 * attributes are not judged.
 */
public final class CacheDirectorySafety {

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
