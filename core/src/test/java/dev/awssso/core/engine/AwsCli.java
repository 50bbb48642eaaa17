package dev.awssso.core.engine;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import dev.awssso.core.CallTimeouts;
import dev.awssso.core.SsoClients;
import dev.awssso.core.token.SsoToken;
import dev.awssso.core.token.TokenCacheFile;
import dev.awssso.emulator.IdentityCenterEmulator;

import software.amazon.awssdk.services.ssooidc.SsoOidcClient;
import software.amazon.awssdk.services.ssooidc.model.CreateTokenResponse;

/**
 * The AWS CLI beside an engine, on the emulator: refreshes a token as botocore does and writes the cache file
 * without a lock, with the CLI's fields only.
 */
public final class AwsCli implements AutoCloseable {

    private final SsoOidcClient oidc;

    private final TokenCacheFile file;

    private final Clock clock;

    /** The CLI of {@code sessionName} with its cache in {@code cacheDir}, reading the time from {@code clock}. */
    public AwsCli(IdentityCenterEmulator emulator, Path cacheDir, String sessionName, Clock clock) {
        this.oidc = SsoClients.oidc(emulator.ssoRegion(), emulator.endpoint(), CallTimeouts.DEFAULT);
        this.file = TokenCacheFile.of(cacheDir, sessionName);
        this.clock = clock;
    }

    /** Refreshes {@code held} with its refresh token and writes the new token to the cache file. */
    public SsoToken refresh(SsoToken held) {
        CreateTokenResponse response = this.oidc.createToken((request) -> request.grantType("refresh_token")
            .clientId(held.clientId())
            .clientSecret(held.clientSecret())
            .refreshToken(held.refreshToken()));
        SsoToken refreshed = new SsoToken(response.accessToken(),
                this.clock.instant().plusSeconds(response.expiresIn()), response.refreshToken(), held.clientId(),
                held.clientSecret(), held.registrationExpiresAt(), held.region(), held.startUrl(), Map.of());
        this.file.write(refreshed);
        return refreshed;
    }

    @Override
    public void close() {
        this.oidc.close();
    }
}
