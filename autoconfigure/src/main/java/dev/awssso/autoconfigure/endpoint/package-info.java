/**
 * The {@code awssso} actuator endpoint and its auto-configuration.
 */
@NullMarked
package dev.awssso.autoconfigure.endpoint;

import org.jspecify.annotations.NullMarked;
