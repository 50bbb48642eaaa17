package dev.awssso.autoconfigure.endpoint;

import dev.awssso.core.account.AccountPage;
import dev.awssso.core.account.AccountRoles;
import dev.awssso.core.account.CallerIdentity;
import dev.awssso.core.status.SessionStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * Native image hints of the {@code awssso} endpoint's answers, which are written as JSON by reflection: those its
 * operations declare as {@code Object} ({@link SessionStatus}, {@link AwsSsoEndpoint.StatusWithRoles} with its
 * role statuses, {@link CallerIdentity}, {@link AccountPage} with its {@link AccountRoles} and
 * {@link AccountPage.RolesNotListed}, {@link AwsSsoEndpoint.Failure}, {@link AwsSsoEndpoint.NotConfigured}) and the {@link AwsSsoEndpoint.ActionResult} of the actions. The session
 * state among them is also a detail of the health indicator.
 */
class AwsSsoEndpointRuntimeHints implements RuntimeHintsRegistrar {

    @Override
    public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
        new BindingReflectionHintsRegistrar().registerReflectionHints(hints.reflection(), SessionStatus.class,
                AwsSsoEndpoint.StatusWithRoles.class, CallerIdentity.class, AccountPage.class, AccountRoles.class,
                AccountPage.RolesNotListed.class, AwsSsoEndpoint.Failure.class, AwsSsoEndpoint.NotConfigured.class, AwsSsoEndpoint.ActionResult.class);
    }
}
