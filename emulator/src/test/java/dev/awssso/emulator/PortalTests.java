package dev.awssso.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sso.model.AccountInfo;
import software.amazon.awssdk.services.sso.model.InvalidRequestException;
import software.amazon.awssdk.services.sso.model.ListAccountRolesResponse;
import software.amazon.awssdk.services.sso.model.ListAccountsResponse;
import software.amazon.awssdk.services.sso.model.RoleCredentials;
import software.amazon.awssdk.services.sso.model.RoleInfo;
import software.amazon.awssdk.services.sso.model.SsoException;
import software.amazon.awssdk.services.sso.model.UnauthorizedException;
import software.amazon.awssdk.services.ssooidc.model.InvalidGrantException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The SSO portal operations through the real {@code SsoClient}.
 */
class PortalTests extends SignedInTests {

    @Test
    void getRoleCredentialsIssuesCredentialsOfTheConfiguredLifetime() {
        this.emulator.setCredentialsLifetime(Duration.ofMinutes(20));
        Instant before = Instant.now();

        RoleCredentials credentials = this.clients.roleCredentials(this.session.accessToken(), "444455556666",
                "Deployer");

        assertThat(credentials.accessKeyId()).startsWith("ASIA").hasSize(20);
        assertThat(credentials.secretAccessKey()).hasSize(40);
        assertThat(credentials.sessionToken()).isNotBlank();
        assertThat(Instant.ofEpochMilli(credentials.expiration()))
            .isBetween(before.plus(Duration.ofMinutes(20)).minusMillis(1), Instant.now().plus(Duration.ofMinutes(20)));
    }

    @Test
    void roleCredentialsMayOutliveTheSession() {
        this.emulator.setSessionDuration(Duration.ofMinutes(5));
        EmulatedSession shortSession = this.emulator.signIn("short");

        RoleCredentials credentials = this.clients.roleCredentials(shortSession.accessToken());

        assertThat(Instant.ofEpochMilli(credentials.expiration())).isAfter(shortSession.sessionEndsAt());
    }

    @Test
    void legacySignInHasAnAccessTokenButNoClientAndNoRefreshToken() {
        EmulatedSession legacy = this.emulator.signIn(null);

        assertThat(legacy.sessionName()).isNull();
        assertThat(legacy.refreshToken()).isNull();
        assertThat(legacy.clientId()).isNull();
        assertThat(legacy.clientSecret()).isNull();
        assertThat(legacy.registrationExpiresAt()).isNull();
        assertThat(this.clients.roleCredentials(legacy.accessToken()).accessKeyId()).startsWith("ASIA");
    }

    @Test
    void signInRegistersAClientForNinetyDays() {
        assertThat(this.session.clientId()).isNotBlank();
        assertThat(this.session.clientSecret()).isNotBlank();
        // registered when the test began, before now
        assertThat(this.session.registrationExpiresAt()).isBetween(
                Instant.now().plus(Duration.ofDays(90)).minus(Duration.ofMinutes(1)),
                Instant.now().plus(Duration.ofDays(90)));
        assertThat(this.session.startUrl()).isEqualTo(this.emulator.startUrl())
            .isEqualTo("https://d-0000000000.awsapps.com/start");
        assertThat(this.session.region()).isEqualTo(this.emulator.ssoRegion()).isEqualTo("us-east-1");
    }

    @Test
    void unknownAccessTokenIsUnauthorized() {
        assertThatExceptionOfType(UnauthorizedException.class)
            .isThrownBy(() -> this.clients.roleCredentials("aoaUnknown"))
            .satisfies((ex) -> {
                assertThat(ex.statusCode()).isEqualTo(401);
                assertThat(ex.awsErrorDetails().errorMessage()).isEqualTo("Session token not found or invalid");
                assertThat(ex.requestId()).isNotBlank();
            });
    }

    @Test
    void endedSessionIsUnauthorized() {
        this.emulator.endSession(this.session);

        assertThatExceptionOfType(UnauthorizedException.class)
            .isThrownBy(() -> this.clients.roleCredentials(this.session.accessToken()));
    }

    @Test
    void deniedRoleIsForbidden() {
        this.emulator.denyRole(IdentityCenterEmulator.DEFAULT_ACCOUNT_ID, IdentityCenterEmulator.DEFAULT_ROLE_NAME);

        assertThatExceptionOfType(SsoException.class)
            .isThrownBy(() -> this.clients.roleCredentials(this.session.accessToken()))
            .satisfies((ex) -> {
                assertThat(ex.statusCode()).isEqualTo(403);
                assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("ForbiddenException");
                assertThat(ex.awsErrorDetails().errorMessage()).isEqualTo("No access");
            });
        assertThat(this.clients.roleCredentials(this.session.accessToken(), IdentityCenterEmulator.DEFAULT_ACCOUNT_ID,
                "AdministratorAccess")).isNotNull();
    }

    @Test
    void listAccountsPages() {
        this.emulator.addAccount("222233334444", "Staging", "ReadOnly");
        this.emulator.addAccount("333344445555", "Production", "ReadOnly");

        ListAccountsResponse first = this.clients.sso.listAccounts((request) -> request
            .accessToken(this.session.accessToken())
            .maxResults(2));
        ListAccountsResponse second = this.clients.sso.listAccounts((request) -> request
            .accessToken(this.session.accessToken())
            .maxResults(2)
            .nextToken(first.nextToken()));

        assertThat(first.accountList()).extracting(AccountInfo::accountId)
            .containsExactly(IdentityCenterEmulator.DEFAULT_ACCOUNT_ID, "222233334444");
        assertThat(first.nextToken()).isNotNull();
        assertThat(second.accountList()).singleElement().satisfies((account) -> {
            assertThat(account.accountId()).isEqualTo("333344445555");
            assertThat(account.accountName()).isEqualTo("Production");
            assertThat(account.emailAddress()).contains("@");
        });
        assertThat(second.nextToken()).isNull();
    }

    @Test
    void listAccountsWorksWithTheSdkPaginator() {
        this.emulator.addAccount("222233334444", "Staging", "ReadOnly");

        List<String> accountIds = this.clients.sso.listAccountsPaginator((request) -> request
            .accessToken(this.session.accessToken())
            .maxResults(1)).accountList().stream().map(AccountInfo::accountId).toList();

        assertThat(accountIds).containsExactly(IdentityCenterEmulator.DEFAULT_ACCOUNT_ID, "222233334444");
        assertThat(this.emulator.callCount(Operation.LIST_ACCOUNTS)).isEqualTo(2);
    }

    @Test
    void listAccountRolesPagesAndLeavesOutDeniedRoles() {
        this.emulator.addAccount("222233334444", "Staging", "ReadOnly", "Developer", "Auditor", "Admin");
        this.emulator.denyRole("222233334444", "Auditor");

        ListAccountRolesResponse first = this.clients.sso.listAccountRoles((request) -> request
            .accessToken(this.session.accessToken())
            .accountId("222233334444")
            .maxResults(2));
        ListAccountRolesResponse second = this.clients.sso.listAccountRoles((request) -> request
            .accessToken(this.session.accessToken())
            .accountId("222233334444")
            .maxResults(2)
            .nextToken(first.nextToken()));

        assertThat(first.roleList()).extracting(RoleInfo::roleName).containsExactly("ReadOnly", "Developer");
        assertThat(first.roleList()).extracting(RoleInfo::accountId).containsOnly("222233334444");
        assertThat(second.roleList()).extracting(RoleInfo::roleName).containsExactly("Admin");
        assertThat(second.nextToken()).isNull();
    }

    @Test
    void invalidPagingParametersAreInvalidRequests() {
        assertThatExceptionOfType(InvalidRequestException.class)
            .isThrownBy(() -> this.clients.sso.listAccounts((request) -> request
                .accessToken(this.session.accessToken())
                .nextToken("not-a-token")));
        assertThatExceptionOfType(InvalidRequestException.class)
            .isThrownBy(() -> this.clients.sso.listAccounts((request) -> request
                .accessToken(this.session.accessToken())
                .maxResults(101)));
    }

    @Test
    void listingNeedsAValidToken() {
        assertThatExceptionOfType(UnauthorizedException.class)
            .isThrownBy(() -> this.clients.sso.listAccounts((request) -> request.accessToken("aoaUnknown")));
        assertThatExceptionOfType(UnauthorizedException.class)
            .isThrownBy(() -> this.clients.sso.listAccountRoles((request) -> request.accessToken("aoaUnknown")
                .accountId(IdentityCenterEmulator.DEFAULT_ACCOUNT_ID)));
    }

    @Test
    void logoutEndsTheSession() {
        this.clients.sso.logout((request) -> request.accessToken(this.session.accessToken()));

        assertThatExceptionOfType(UnauthorizedException.class)
            .isThrownBy(() -> this.clients.roleCredentials(this.session.accessToken()));
        assertThatExceptionOfType(InvalidGrantException.class)
            .isThrownBy(() -> this.clients.refresh(this.session, this.session.refreshToken()));
        assertThatExceptionOfType(UnauthorizedException.class)
            .isThrownBy(() -> this.clients.sso.logout((request) -> request.accessToken(this.session.accessToken())));
    }

    @Test
    void logoutWithAnUnknownTokenIsUnauthorized() {
        assertThatExceptionOfType(UnauthorizedException.class)
            .isThrownBy(() -> this.clients.sso.logout((request) -> request.accessToken("aoaUnknown")));
    }

    @Test
    void manyThreadsCanFetchCredentialsAtOnce() throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(16);
        try {
            List<Callable<String>> calls = Collections.nCopies(16,
                    () -> this.clients.roleCredentials(this.session.accessToken()).accessKeyId());
            Set<String> accessKeyIds = new HashSet<>();
            for (Future<String> accessKeyId : executor.invokeAll(calls)) {
                accessKeyIds.add(accessKeyId.get());
            }
            assertThat(accessKeyIds).hasSize(16);
            assertThat(this.emulator.callCount(Operation.GET_ROLE_CREDENTIALS)).isEqualTo(16);
        }
        finally {
            executor.shutdownNow();
        }
    }

}
