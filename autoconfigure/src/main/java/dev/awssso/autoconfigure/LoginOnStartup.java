package dev.awssso.autoconfigure;

import java.util.function.Supplier;

import dev.awssso.core.SsoEngine;
import dev.awssso.core.login.LoginAttempt;
import dev.awssso.core.login.LoginFailedException;
import dev.awssso.core.login.LoginFlow;
import dev.awssso.core.status.SessionState;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Starts a sign-in once the application is ready, when {@code aws.sso.login.on-startup=true} and nobody is
 * signed in, and prints once what the user must do.
 */
class LoginOnStartup implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger logger = LoggerFactory.getLogger(LoginOnStartup.class);

    private final Supplier<@Nullable SsoEngine> engine;

    private final LoginFlow flow;

    /**
     * @param engine the engine, or {@code null} when IAM Identity Center is not configured
     * @param flow how to sign in
     */
    LoginOnStartup(Supplier<@Nullable SsoEngine> engine, LoginFlow flow) {
        this.engine = engine;
        this.flow = flow;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        SsoEngine current = this.engine.get();
        if (current == null) {
            return;
        }
        SessionState state = current.status().state();
        if (state != SessionState.SIGNED_OUT && state != SessionState.EXPIRED) {
            return;
        }
        try {
            LoginAttempt attempt = current.login().start(this.flow, false);
            logger.warn("Not signed in to IAM Identity Center. To sign in: {}", attempt.prompt().instructions());
        }
        catch (LoginFailedException ex) {
            logger.warn("Could not start the sign-in to IAM Identity Center: {}", ex.getMessage());
        }
    }
}
