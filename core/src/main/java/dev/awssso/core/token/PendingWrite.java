package dev.awssso.core.token;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A token that is in use but could not be written to its cache file yet (a read-only mount, a full disk, a
 * refused rename): it lives in memory only until a later write succeeds. Holds no secret.
 *
 * @param file the cache file that could not be written
 * @param reason why, in the words of the operating system where it gave some ({@code Read-only file system})
 * @param since when the first write that is still pending failed
 */
public record PendingWrite(Path file, String reason, Instant since) {

    /** What this means for the user, naming the file and the reason. */
    public String message() {
        return "The current IAM Identity Center token could not be written to " + this.file + " (" + this.reason
                + "): it is kept in memory only, so the AWS CLI and the other SDKs still see the previous one. The"
                + " write is retried at every check.";
    }
}
