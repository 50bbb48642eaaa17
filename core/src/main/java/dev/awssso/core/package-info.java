/**
 * What the engine is made from and what it throws: {@link dev.awssso.core.EngineOptions}, the endpoints and time
 * limits of its calls, the SDK clients it makes, and {@link dev.awssso.core.SsoSessionException}. The engine itself
 * is in {@code dev.awssso.core.engine}.
 */
@NullMarked
package dev.awssso.core;

import org.jspecify.annotations.NullMarked;
