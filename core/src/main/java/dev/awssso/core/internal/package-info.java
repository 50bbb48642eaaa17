/**
 * Helpers the engine's packages share, public only for them: not an API, and free to change in any release.
 */
@NullMarked
package dev.awssso.core.internal;

import org.jspecify.annotations.NullMarked;
