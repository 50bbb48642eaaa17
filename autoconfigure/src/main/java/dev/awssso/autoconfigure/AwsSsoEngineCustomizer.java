package dev.awssso.autoconfigure;

import dev.awssso.core.EngineOptions;
import dev.awssso.core.engine.SsoEngine;

/**
 * Changes the options of the auto-configured {@link SsoEngine} before it is created: the retry back-off, the
 * credentials' stale margin and whatever else {@link EngineOptions.Builder} offers beyond the {@code aws.sso.*}
 * properties. The builder comes filled from those properties; every customizer bean is applied, in the order of
 * {@link org.springframework.core.Ordered} and {@link org.springframework.core.annotation.Order @Order}, so that
 * a later one wins over an earlier one.
 * <p>
 * For example, to retry sooner after a failed refresh ({@code RetryBackoff} of {@code dev.awssso.core.refresh}):
 * <pre class="code">
 * &#64;Bean
 * AwsSsoEngineCustomizer quickRetries() {
 *     return (options) -&gt; options.backoff(new RetryBackoff(Duration.ofMillis(200), Duration.ofSeconds(10)));
 * }
 * </pre>
 * Not applied to an {@link SsoEngine} bean of the application's own.
 */
@FunctionalInterface
public interface AwsSsoEngineCustomizer {

    /**
     * Customizes the engine's options.
     * @param options the options, filled from the {@code aws.sso.*} properties
     */
    void customize(EngineOptions.Builder options);
}
