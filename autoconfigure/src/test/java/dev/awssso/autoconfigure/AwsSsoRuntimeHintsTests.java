package dev.awssso.autoconfigure;

import dev.awssso.boot.endpoint.AwsSsoEndpoint;
import dev.awssso.boot.endpoint.AwsSsoEndpointWebExtension;
import dev.awssso.core.account.AccountPage;
import dev.awssso.core.account.AccountRoles;
import dev.awssso.core.account.CallerIdentity;
import dev.awssso.core.refresh.RefreshRecord;
import dev.awssso.core.status.RoleStatus;
import dev.awssso.core.status.SessionState;
import dev.awssso.core.status.SessionStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.annotation.ReflectiveRuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.AotServices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The native image hints: what the starter binds, registered through {@code META-INF/spring/aot.factories}, and
 * the endpoint's answers, which Spring Boot registers from the operations' return types and declared bindings.
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
    void springBootRegistersTheEndpointsAnswersFromItsOperations() {
        RuntimeHints endpointHints = new RuntimeHints();
        new ReflectiveRuntimeHintsRegistrar().registerRuntimeHints(endpointHints, AwsSsoEndpoint.class,
                AwsSsoEndpointWebExtension.class);
        for (Class<?> answer : new Class<?>[] { AwsSsoEndpoint.StatusDescriptor.class, SessionStatus.Identity.class,
                SessionStatus.Token.class, RefreshRecord.class, SessionState.class, RoleStatus.class,
                RoleStatus.Role.class, RoleStatus.Failure.class, CallerIdentity.class, AccountPage.class,
                AccountRoles.class, AccountPage.RolesNotListed.class, AwsSsoEndpoint.Failure.class,
                AwsSsoEndpoint.ActionResult.class, AwsSsoEndpoint.SignIn.class }) {
            assertThat(RuntimeHintsPredicates.reflection().onType(answer)).as(answer.getName()).accepts(endpointHints);
        }
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(AwsSsoEndpoint.StatusDescriptor.class,
                "roles")).accepts(endpointHints);
        assertThat(RuntimeHintsPredicates.reflection().onType(AwsSsoEndpoint.StatusDescriptor.class)
            .withMemberCategory(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS)).accepts(endpointHints);
    }

    @Test
    void theStarterRegistersNoHintsOfTheEndpointsAnswersOfItsOwn() {
        assertThat(RuntimeHintsPredicates.reflection().onType(AwsSsoEndpoint.StatusDescriptor.class))
            .rejects(this.hints);
    }
}
