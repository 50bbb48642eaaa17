package dev.awssso.test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.awssso.emulator.EmulatedSession;
import dev.awssso.emulator.IdentityCenterEmulator;

/** Calls of the emulator's portal as the starter makes them, and the name of the token cache file it reads. */
final class EmulatorProbe {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static final Pattern EXPIRATION = Pattern.compile("\"expiration\":(\\d+)");

    private EmulatorProbe() {
    }

    /** The token cache file of an sso-session, as the AWS CLI names it. */
    static String cacheFileName(String sessionName) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(sessionName.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest) + ".json";
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** When role credentials fetched now with the session's token expire ({@code GetRoleCredentials}). */
    static Instant roleCredentialsExpiry(IdentityCenterEmulator emulator, EmulatedSession session, String accountId,
            String roleName) {
        String body = get(emulator, session, "/federation/credentials?account_id=" + accountId + "&role_name="
                + roleName);
        Matcher matcher = EXPIRATION.matcher(body);
        if (!matcher.find()) {
            throw new IllegalStateException("No expiration in the answer to GetRoleCredentials");
        }
        return Instant.ofEpochMilli(Long.parseLong(matcher.group(1)));
    }

    /** The answer of {@code ListAccounts} to the session's token. */
    static String listAccounts(IdentityCenterEmulator emulator, EmulatedSession session) {
        return get(emulator, session, "/assignment/accounts");
    }

    /** Whether the emulator still accepts connections. */
    static boolean isRunning(URI endpoint) {
        try {
            HTTP.send(HttpRequest.newBuilder(endpoint).build(), BodyHandlers.discarding());
            return true;
        }
        catch (IOException ex) {
            return false;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private static String get(IdentityCenterEmulator emulator, EmulatedSession session, String pathAndQuery) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(emulator.endpoint() + pathAndQuery))
            .header("x-amz-sso_bearer_token", session.accessToken())
            .build();
        try {
            return HTTP.send(request, BodyHandlers.ofString()).body();
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

}
