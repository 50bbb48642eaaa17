package dev.awssso.core.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.awssso.core.account.AccountPage;
import dev.awssso.core.account.AccountRoles;
import dev.awssso.emulator.Fault;
import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.Operation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.services.sso.model.UnauthorizedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The listing of an organisation of 300 accounts: the roles listed side by side at most
 * {@value SsoEngine#ACCOUNT_LISTING_CALLS} calls at once, throttling retried, an account whose roles cannot be
 * listed named on a partial answer (unless the session ended), and pages that list only their own accounts' roles.
 */
class AccountListingTests {

    private static final int ACCOUNTS = 300;

    private static final String FAILING_ACCOUNT = accountId(150);

    @TempDir
    Path cacheDir;

    private final List<String> accountIds = new ArrayList<>();

    private IdentityCenterEmulator emulator;

    private SsoEngine engine;

    @BeforeEach
    void signInToAnOrganisation() {
        this.emulator = IdentityCenterEmulator.start();
        this.accountIds.add(EngineFixture.ACCOUNT);
        for (int i = 1; i < ACCOUNTS; i++) {
            this.emulator.addAccount(accountId(i), "Account " + i, "Developer", "ReadOnly");
            this.accountIds.add(accountId(i));
        }
        this.emulator.signIn(EngineFixture.SESSION).writeCacheFile(this.cacheDir);
        this.engine = SsoEngine.start(EngineFixture.settings(this.emulator),
                EngineFixture.options(this.emulator, this.cacheDir).build());
    }

    @AfterEach
    void stop() {
        this.engine.close();
        this.emulator.close();
    }

    @Test
    void listsEveryAccountWithItsRolesAtMostEightCallsAtOnce() {
        // each call takes a while, so that calls made side by side overlap and the emulator sees them at once
        this.emulator.injectFault(Operation.LIST_ACCOUNT_ROLES, Fault.delay(Duration.ofMillis(25)));

        AccountPage listing = this.engine.accounts().all();

        assertThat(listing.accounts()).extracting(AccountRoles::accountId).containsExactlyElementsOf(this.accountIds);
        assertThat(listing.accounts()).filteredOn((account) -> account.accountId().equals(FAILING_ACCOUNT))
            .singleElement()
            .satisfies((account) -> assertThat(account.roleNames()).containsExactly("Developer", "ReadOnly"));
        assertThat(listing.rolesNotListed()).isEmpty();
        assertThat(listing.totalAccounts()).isEqualTo(ACCOUNTS);
        assertThat(listing.nextPage()).isNull();
        assertThat(this.emulator.callCount(Operation.LIST_ACCOUNT_ROLES)).isEqualTo(ACCOUNTS);
        assertThat(this.emulator.mostConcurrentCalls(Operation.LIST_ACCOUNT_ROLES)).as("side by side, bounded")
            .isBetween(2L, (long) SsoEngine.ACCOUNT_LISTING_CALLS);
    }

    @Test
    void retriesThrottledCallsUntilTheyAnswer() {
        Fault throttled = Fault.status(429, "TooManyRequestsException").times(5);
        this.emulator.injectFault(Operation.LIST_ACCOUNTS, throttled);
        this.emulator.injectFault(Operation.LIST_ACCOUNT_ROLES, throttled.forAccount(FAILING_ACCOUNT));

        AccountPage listing = this.engine.accounts().all();

        assertThat(listing.rolesNotListed()).isEmpty();
        assertThat(listing.accounts()).extracting(AccountRoles::accountId).containsExactlyElementsOf(this.accountIds);
        assertThat(this.emulator.callCount(Operation.LIST_ACCOUNT_ROLES)).isEqualTo(ACCOUNTS + 5);
    }

    @Test
    void namesTheAccountWhoseRolesCannotBeListedAndListsItAgainOnTheNextLook() {
        this.emulator.injectFault(Operation.LIST_ACCOUNT_ROLES,
                Fault.status(500, "InternalServerException").forAccount(FAILING_ACCOUNT));

        AccountPage partial = this.engine.accounts().all();

        assertThat(partial.accounts()).hasSize(ACCOUNTS - 1)
            .extracting(AccountRoles::accountId)
            .doesNotContain(FAILING_ACCOUNT);
        assertThat(partial.rolesNotListed()).singleElement().satisfies((missing) -> {
            assertThat(missing.accountId()).isEqualTo(FAILING_ACCOUNT);
            assertThat(missing.accountName()).isEqualTo("Account 150");
            assertThat(missing.reason()).contains("ListAccountRoles", "InternalServerException", "HTTP 500");
        });
        long calls = this.emulator.callCount(Operation.LIST_ACCOUNT_ROLES);

        this.emulator.clearFaults();
        AccountPage complete = this.engine.accounts().all();

        assertThat(complete.rolesNotListed()).isEmpty();
        assertThat(complete.accounts()).extracting(AccountRoles::accountId).containsExactlyElementsOf(this.accountIds);
        assertThat(this.emulator.callCount(Operation.LIST_ACCOUNT_ROLES)).as("only the missing account again")
            .isEqualTo(calls + 1);
    }

    @Test
    void failsTheListingWhenTheSessionEndsUnderWay() {
        this.emulator.injectFault(Operation.LIST_ACCOUNT_ROLES,
                Fault.status(401, "UnauthorizedException").forAccount(FAILING_ACCOUNT));

        assertThatExceptionOfType(UnauthorizedException.class).isThrownBy(() -> this.engine.accounts().all());
    }

    @Test
    void pagesListTheRolesOfTheirOwnAccountsOnly() {
        AccountPage first = this.engine.accounts().page(0, 100);

        assertThat(first.accounts()).extracting(AccountRoles::accountId)
            .containsExactlyElementsOf(this.accountIds.subList(0, 100));
        assertThat(first.page()).isZero();
        assertThat(first.size()).isEqualTo(100);
        assertThat(first.totalAccounts()).isEqualTo(ACCOUNTS);
        assertThat(first.nextPage()).isEqualTo(1);
        assertThat(this.emulator.callCount(Operation.LIST_ACCOUNT_ROLES)).isEqualTo(100);

        AccountPage last = this.engine.accounts().page(2, 100);

        assertThat(last.accounts()).extracting(AccountRoles::accountId)
            .containsExactlyElementsOf(this.accountIds.subList(200, 300));
        assertThat(last.nextPage()).isNull();
        assertThat(this.engine.accounts().page(3, 100).accounts()).isEmpty();
        assertThat(this.engine.accounts().page(0, 100)).isEqualTo(first);
        assertThat(this.emulator.callCount(Operation.LIST_ACCOUNT_ROLES)).as("each account's roles listed once")
            .isEqualTo(200);
        assertThatIllegalArgumentException().isThrownBy(() -> this.engine.accounts().page(-1, 100))
            .withMessage("The page number must be 0 or more, was -1");
        assertThatIllegalArgumentException().isThrownBy(() -> this.engine.accounts().page(0, 0))
            .withMessage("The page size must be 1 or more, was 0");
    }

    private static String accountId(int number) {
        return String.format("%012d", 200000000000L + number);
    }
}
