/**
 * The {@code awssso} health indicator and its auto-configuration.
 */
@NullMarked
package dev.awssso.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
