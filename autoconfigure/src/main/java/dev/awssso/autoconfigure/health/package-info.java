/**
 * Auto-configuration of the {@code awssso} health contributor.
 */
@NullMarked
package dev.awssso.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
