package dev.awssso.core.config;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import software.amazon.awssdk.profiles.ProfileFile;

/**
 * Reads a shared config file with the AWS SDK's {@link ProfileFile}, so that it is understood exactly as the SDK
 * understands it, and turns parse and read failures into problems.
 */
final class SharedConfigReader {

    /**
     * Reads the file.
     * @param file the config file
     * @return the parsed file, absent when it does not exist, or the problem that prevented reading it
     */
    SharedConfigRead read(Path file) {
        if (!Files.exists(file)) {
            return SharedConfigRead.absent();
        }
        try {
            ProfileFile profileFile = ProfileFile.builder().content(file).type(ProfileFile.Type.CONFIGURATION).build();
            return new SharedConfigRead(new SharedConfig(file, profileFile), null);
        }
        catch (IllegalArgumentException ex) {
            return new SharedConfigRead(null, Problems.unparsableConfigFile(file, reason(ex)));
        }
        catch (UncheckedIOException ex) {
            return new SharedConfigRead(null, Problems.unreadableConfigFile(file, reason(ex.getCause())));
        }
        catch (IllegalStateException ex) {
            return new SharedConfigRead(null, Problems.unreadableConfigFile(file, reason(ex)));
        }
    }

    private static String reason(Exception ex) {
        String message = ex.getMessage();
        return (message != null) ? message : ex.getClass().getSimpleName();
    }
}
