package dev.awssso.core.engine;

import java.time.Clock;
import java.util.function.Supplier;

import dev.awssso.core.EngineOptions;
import dev.awssso.core.config.SsoSettings;
import dev.awssso.core.token.TokenManager;

import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.sso.SsoClient;

/**
 * What work attached to an {@link SsoEngine} builds on, so that it shares the engine's sign-in, clients and
 * timings rather than making its own.
 *
 * @param settings the settings of the engine's sign-in and default role
 * @param tokens the token manager of the sign-in, shared by every role of it
 * @param portal the SSO portal client, built on first use and closed with the engine
 * @param http the engine's HTTP client, whose calls are aborted when the engine closes; clients built over it
 *     must not close it
 * @param clock the wall clock the engine reads
 * @param options the options the engine was started with
 */
record EngineParts(SsoSettings settings, TokenManager tokens, Supplier<SsoClient> portal, SdkHttpClient http,
        Clock clock, EngineOptions options) {
}
