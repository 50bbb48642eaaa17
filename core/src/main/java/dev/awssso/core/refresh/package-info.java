/**
 * When to refresh, how long to back off after a failure, and how failures are classified and described without a
 * secret.
 */
@NullMarked
package dev.awssso.core.refresh;

import org.jspecify.annotations.NullMarked;
