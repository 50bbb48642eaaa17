package dev.awssso.core.token;

import java.nio.file.Path;

/**
 * A token cache file could not be read or written. The message names the file, the problem and the fix; it
 * never contains a token.
 */
public class TokenCacheException extends RuntimeException {

    private final Path file;

    public TokenCacheException(Path file, String message, Throwable cause) {
        super(message, cause);
        this.file = file;
    }

    public TokenCacheException(Path file, String message) {
        super(message);
        this.file = file;
    }

    /** The cache file concerned. */
    public Path file() {
        return this.file;
    }
}
