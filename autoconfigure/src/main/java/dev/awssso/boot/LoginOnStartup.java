package dev.awssso.boot;

import dev.awssso.core.engine.SsoEngine;
import dev.awssso.core.login.LoginAttempt;
import dev.awssso.core.login.LoginFailedException;
import dev.awssso.core.login.LoginFlow;
import dev.awssso.core.status.SessionState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Starts a sign-in once the application is ready, when {@code aws.sso.login.on-startup=true} and nobody is
 * signed in, and prints once what the user must do.
 */
public class LoginOnStartup implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger logger = LoggerFactory.getLogger(LoginOnStartup.class);

    private final AwsSsoService service;

    private final LoginFlow flow;

    /**
     * @param service IAM Identity Center; nobody is asked to sign in where it is not configured
     * @param flow how to sign in
     */
    public LoginOnStartup(AwsSsoService service, LoginFlow flow) {
        this.service = service;
        this.flow = flow;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        if (!this.service.isConfigured()) {
            return;
        }
        SsoEngine current = this.service.engine();
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
