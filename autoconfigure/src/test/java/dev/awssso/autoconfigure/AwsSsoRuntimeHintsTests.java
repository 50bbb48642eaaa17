package dev.awssso.autoconfigure;

import dev.awssso.autoconfigure.endpoint.AwsSsoEndpoint;
import dev.awssso.core.account.AccountRoles;
import dev.awssso.core.account.CallerIdentity;
import dev.awssso.core.status.SessionState;
import dev.awssso.core.status.RoleStatus;
import dev.awssso.core.status.SessionStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.AotServices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The native image hints registered through {@code META-INF/spring/aot.factories}: what the starter binds and
 * writes as JSON by reflection.
 */
class AwsSsoRuntimeHintsTests {

    private final RuntimeHints hints = new RuntimeHints();

    @BeforeEach
    void registerAsAotProcessingDoes() {
        AotServices.factories(getClass().getClassLoader())
            .load(RuntimeHintsRegistrar.class)
            .forEach((registrar) -> registrar.registerHints(this.hints, getClass().getClassLoader()));
    }

    @Test
    void thePropertiesCanBeBoundApartFromTheirBean() {
        assertThat(RuntimeHintsPredicates.reflection().onType(AwsSsoProperties.class)).accepts(this.hints);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(AwsSsoProperties.class, "setStartUrl"))
            .accepts(this.hints);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(AwsSsoProperties.Login.class, "setFlow"))
            .accepts(this.hints);
    }

    @Test
    void theEndpointsAnswersCanBeWrittenAsJson() {
        for (Class<?> answer : new Class<?>[] { SessionStatus.class, SessionStatus.Token.class, SessionState.class,
                AwsSsoEndpoint.StatusWithRoles.class, RoleStatus.class, RoleStatus.Role.class,
                RoleStatus.Failure.class, CallerIdentity.class, AccountRoles.class, AwsSsoEndpoint.Failure.class,
                AwsSsoEndpoint.NotConfigured.class, AwsSsoEndpoint.ActionResult.class }) {
            assertThat(RuntimeHintsPredicates.reflection().onType(answer)).as(answer.getName()).accepts(this.hints);
        }
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(SessionStatus.class, "state"))
            .accepts(this.hints);
        assertThat(RuntimeHintsPredicates.reflection()
            .onType(AwsSsoEndpoint.NotConfigured.class)
            .withMemberCategory(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS)).accepts(this.hints);
    }
}
