package dev.awssso.core.token;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * Who holds the advisory locks of a file, as Linux lists them in {@code /proc/locks} with the holder's process:
 * a lock that a process of another user holds on a lock file of this user's is never waited for. Elsewhere,
 * nothing can be told.
 */
final class LockHolders {

    private final Path procRoot;

    LockHolders(Path procRoot) {
        this.procRoot = procRoot;
    }

    static LockHolders system() {
        return new LockHolders(Path.of("/proc"));
    }

    /** Whether a process of a user other than this process's holds a lock on {@code file}. */
    boolean heldByAnotherUser(Path file) {
        try {
            Object inode = Files.getAttribute(file, "unix:ino", LinkOption.NOFOLLOW_LINKS);
            Object self = Files.getAttribute(this.procRoot.resolve("self"), "unix:uid");
            List<String> locks = Files.readAllLines(this.procRoot.resolve("locks"), StandardCharsets.US_ASCII);
            for (String line : locks) {
                // 1: POSIX  ADVISORY  READ 12345 08:01:1234567 0 EOF
                String[] fields = line.trim().split("\\s+");
                if (fields.length < 6 || !fields[5].endsWith(":" + inode)) {
                    continue;
                }
                Path holder = this.procRoot.resolve(fields[4]);
                if (!fields[4].startsWith("-") && Files.exists(holder)
                        && !Files.getAttribute(holder, "unix:uid").equals(self)) {
                    return true;
                }
            }
            return false;
        }
        catch (IOException | UnsupportedOperationException | IllegalArgumentException ex) {
            return false;
        }
    }
}
