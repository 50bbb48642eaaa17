package dev.awssso.core.token;

import java.nio.file.Path;

/** The lock of a token cache file was held by someone else for longer than the wait for it. */
final class CacheLockTimeoutException extends TokenCacheException {

    private static final long serialVersionUID = 1L;

    CacheLockTimeoutException(Path file, String message) {
        super(file, message);
    }
}
