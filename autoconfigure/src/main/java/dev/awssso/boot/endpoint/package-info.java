/**
 * The {@code awssso} actuator endpoint and its web extension.
 */
@NullMarked
package dev.awssso.boot.endpoint;

import org.jspecify.annotations.NullMarked;
