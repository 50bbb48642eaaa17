package dev.awssso.boot;

import java.util.Optional;
import java.util.function.Supplier;

import dev.awssso.core.config.SsoSettings;
import dev.awssso.core.engine.SsoEngine;
import org.jspecify.annotations.Nullable;

import org.springframework.util.function.SingletonSupplier;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * IAM Identity Center as the starter's beans use it, never absent while the auto-configuration applies: either
 * {@link State#CONFIGURED}, with the engine of the default role's sign-in and the roles, or
 * {@link State#NOT_CONFIGURED}, in an AOT-processed application that finds no SSO configuration where it runs, with
 * the credentials the application would have without the starter. The endpoint, the health indicator, the metrics,
 * the role beans and the lifecycle take it instead of asking whether an engine exists.
 */
public final class AwsSsoService {

    /** What the starter says where IAM Identity Center is not configured. */
    public static final String NOT_CONFIGURED = "IAM Identity Center is not configured: AWS clients use the AWS SDK's"
            + " default credentials chain";

    private final State state;

    private final @Nullable SsoEngine engine;

    private final @Nullable AwsSsoRoles roles;

    private final SingletonSupplier<AwsCredentialsProvider> credentialsProvider;

    private AwsSsoService(State state, @Nullable SsoEngine engine, @Nullable AwsSsoRoles roles,
            Supplier<AwsCredentialsProvider> credentialsProvider) {
        this.state = state;
        this.engine = engine;
        this.roles = roles;
        this.credentialsProvider = SingletonSupplier.of(credentialsProvider);
    }

    /**
     * IAM Identity Center configured.
     * @param engine the engine of the default role's sign-in
     * @param roles the default role and the named roles
     * @param credentialsProvider makes the default role's credentials when first asked for
     * @return the service
     */
    public static AwsSsoService configured(SsoEngine engine, AwsSsoRoles roles,
            Supplier<AwsCredentialsProvider> credentialsProvider) {
        return new AwsSsoService(State.CONFIGURED, engine, roles, credentialsProvider);
    }

    /**
     * IAM Identity Center not configured.
     * @param credentialsProvider makes the credentials the application would have without the starter when first
     *     asked for
     * @return the service
     */
    public static AwsSsoService notConfigured(Supplier<AwsCredentialsProvider> credentialsProvider) {
        return new AwsSsoService(State.NOT_CONFIGURED, null, null, credentialsProvider);
    }

    /** Whether IAM Identity Center is configured. */
    public State state() {
        return this.state;
    }

    /** Whether IAM Identity Center is configured: the state is {@link State#CONFIGURED}. */
    public boolean isConfigured() {
        return this.state == State.CONFIGURED;
    }

    /**
     * The credentials of the default role; where not configured, those the application would have without the
     * starter. Made when first asked for, and closed by whoever asked (the credentials provider bean).
     */
    public AwsCredentialsProvider credentialsProvider() {
        return this.credentialsProvider.obtain();
    }

    /**
     * The engine of the default role's sign-in.
     * @throws IllegalStateException where IAM Identity Center is not configured
     */
    public SsoEngine engine() {
        SsoEngine current = this.engine;
        if (current == null) {
            throw new IllegalStateException(NOT_CONFIGURED);
        }
        return current;
    }

    /**
     * The default role and the named roles.
     * @throws IllegalStateException where IAM Identity Center is not configured
     */
    public AwsSsoRoles roles() {
        AwsSsoRoles current = this.roles;
        if (current == null) {
            throw new IllegalStateException(NOT_CONFIGURED);
        }
        return current;
    }

    /** The settings of the default role's sign-in; empty where IAM Identity Center is not configured. */
    public Optional<SsoSettings> settings() {
        return Optional.ofNullable(this.engine).map(SsoEngine::settings);
    }

    @Override
    public String toString() {
        return "AwsSsoService[" + ((this.engine != null) ? this.engine.settings().describe() : this.state) + "]";
    }

    /** Whether IAM Identity Center is configured where the application runs. */
    public enum State {

        /** Configured: the engine serves the default role, the roles the named ones. */
        CONFIGURED,

        /**
         * Not configured, in an application AOT-processed with the starter's beans in place: the credentials are
         * those the application would have without the starter, there is no engine and no metrics.
         */
        NOT_CONFIGURED
    }
}
