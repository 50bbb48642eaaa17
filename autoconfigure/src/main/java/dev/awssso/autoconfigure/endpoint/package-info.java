/**
 * Auto-configuration of the {@code awssso} actuator endpoint.
 */
@NullMarked
package dev.awssso.autoconfigure.endpoint;

import org.jspecify.annotations.NullMarked;
