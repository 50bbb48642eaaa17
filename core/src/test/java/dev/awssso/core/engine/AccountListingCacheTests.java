package dev.awssso.core.engine;

import java.nio.file.Path;
import java.time.Duration;

import dev.awssso.core.account.AccountRoles;
import dev.awssso.emulator.IdentityCenterEmulator;
import dev.awssso.emulator.MovableClock;
import dev.awssso.emulator.Operation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The account listing is kept for 5 minutes, then listed again, with a clock that moves. */
class AccountListingCacheTests {

    private static final String ADDED_LATER = "444455556666";

    @TempDir
    Path cacheDir;

    private final MovableClock clock = MovableClock.startingNow();

    private IdentityCenterEmulator emulator;

    private SsoEngine engine;

    @BeforeEach
    void signIn() {
        this.emulator = IdentityCenterEmulator.start(this.clock);
        this.emulator.signIn(EngineFixture.SESSION).writeCacheFile(this.cacheDir);
        this.engine = SsoEngine.start(EngineFixture.settings(this.emulator),
                EngineFixture.options(this.emulator, this.cacheDir).build(), this.clock);
    }

    @AfterEach
    void stop() {
        this.engine.close();
        this.emulator.close();
    }

    @Test
    void keepsTheListingForFiveMinutesThenListsAgain() {
        assertThat(this.engine.accounts().all().accounts()).extracting(AccountRoles::accountId)
            .containsExactly(EngineFixture.ACCOUNT);
        long listings = this.emulator.callCount(Operation.LIST_ACCOUNTS);
        this.emulator.addAccount(ADDED_LATER, "Added later", "Dev");

        this.clock.advance(Duration.ofMinutes(5).minusMillis(1));
        assertThat(this.engine.accounts().all().accounts()).as("the listing kept for 5 minutes")
            .extracting(AccountRoles::accountId)
            .containsExactly(EngineFixture.ACCOUNT);
        assertThat(this.emulator.callCount(Operation.LIST_ACCOUNTS)).isEqualTo(listings);

        this.clock.advance(Duration.ofMillis(1));
        assertThat(this.engine.accounts().all().accounts()).as("listed again after 5 minutes")
            .extracting(AccountRoles::accountId)
            .containsExactly(EngineFixture.ACCOUNT, ADDED_LATER);
        assertThat(this.emulator.callCount(Operation.LIST_ACCOUNTS)).isEqualTo(listings + 1);
    }
}
