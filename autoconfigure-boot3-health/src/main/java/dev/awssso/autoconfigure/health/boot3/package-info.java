/**
 * Auto-configuration of the {@code awssso} health contributor on Spring Boot 3's health API.
 */
@NullMarked
package dev.awssso.autoconfigure.health.boot3;

import org.jspecify.annotations.NullMarked;
