package dev.awssso.core.token;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** What stands in place of a cache file never blocks the reader nor fills its memory. */
class CacheFilesReadTests {

    @TempDir
    Path directory;

    @Test
    void aFifoIsRefusedWithoutBlocking() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/mkfifo")), "needs mkfifo to make a FIFO");
        Path fifo = this.directory.resolve("token.json");
        Process mkfifo = new ProcessBuilder("/usr/bin/mkfifo", fifo.toString()).start();
        assertThat(mkfifo.waitFor(Duration.ofMinutes(1).toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(mkfifo.exitValue()).isZero();

        assertThatIOException().isThrownBy(() -> CacheFiles.readNoFollow(fifo)).withMessageContaining("not a regular file");
    }

    @Test
    void aDirectoryIsRefused() throws IOException {
        Path inPlace = Files.createDirectory(this.directory.resolve("token.json"));
        assertThatIOException().isThrownBy(() -> CacheFiles.readNoFollow(inPlace))
            .withMessageContaining("not a regular file");
    }

    @Test
    void aHugeFileIsRefusedBeforeItIsRead() throws IOException {
        Path huge = this.directory.resolve("token.json");
        Files.write(huge, new byte[CacheFiles.MAX_SIZE + 1]);
        assertThatIOException().isThrownBy(() -> CacheFiles.readNoFollow(huge)).withMessageContaining("larger than");
        Files.write(huge, new byte[CacheFiles.MAX_SIZE]);
        assertThat(CacheFiles.readNoFollow(huge)).hasSize(CacheFiles.MAX_SIZE);
    }
}
