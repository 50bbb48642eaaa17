/**
 * The {@code awssso} health indicator and the checks it reports.
 */
@NullMarked
package dev.awssso.boot.health;

import org.jspecify.annotations.NullMarked;
