package dev.awssso.core.hardening;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;

import dev.awssso.core.engine.SsoEngine;
import dev.awssso.core.token.TokenCacheFile;

import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * The other process of the cross-process tests, started in a JVM of its own with the test class path. Lines it
 * prints for the test start with {@value #PREFIX}.
 * <ul>
 * <li>{@code refresh <endpoint> <cache dir> <rounds>}: starts an engine, prints {@code READY}, waits for a line
 * on standard input, then refreshes the token and the credentials {@code rounds} times as fast as it can,
 * printing {@code ROUND n ok} or {@code ROUND n FAIL reason}, and {@code DONE ok=x failed=y}. After the first
 * round it waits for another line on standard input: the test answers once it has made its own first round, so
 * both processes are half-way at the same moment.</li>
 * <li>{@code hold <cache dir>}: takes the lock of the token file, prints {@code LOCKED} and waits forever
 * (until killed).</li>
 * </ul>
 */
public final class CacheChild {

    static final String PREFIX = "CHILD ";

    private CacheChild() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "refresh" -> refresh(URI.create(args[1]), Path.of(args[2]), Integer.parseInt(args[3]));
            case "hold" -> hold(Path.of(args[1]));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    private static void refresh(URI endpoint, Path cacheDir, int rounds) throws Exception {
        int ok = 0;
        int failed = 0;
        try (SsoEngine engine = SsoEngine.start(Hardening.settings(), Hardening.options(endpoint, cacheDir).build())) {
            // warmed up like the test's own engine, so that both race from their first round
            engine.credentialsProvider().resolveCredentials();
            say("READY");
            BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            input.readLine();
            for (int round = 1; round <= rounds; round++) {
                try {
                    engine.refreshNow();
                    AwsSessionCredentials credentials = engine.credentialsProvider().resolveCredentials();
                    if (!credentials.expirationTime().orElseThrow().isAfter(Instant.now())) {
                        throw new IllegalStateException("expired credentials served");
                    }
                    ok++;
                    say("ROUND " + round + " ok");
                }
                catch (RuntimeException ex) {
                    failed++;
                    say("ROUND " + round + " FAIL " + ex);
                }
                if (round == 1) {
                    input.readLine();
                }
            }
        }
        say("DONE ok=" + ok + " failed=" + failed);
    }

    private static void hold(Path cacheDir) {
        TokenCacheFile.of(cacheDir, Hardening.SESSION).underLock(() -> {
            say("LOCKED");
            while (true) {
                try {
                    Thread.sleep(60_000);
                }
                catch (InterruptedException ex) {
                    return null;
                }
            }
        });
    }

    private static void say(String line) {
        System.out.println(PREFIX + line);
        System.out.flush();
    }
}
