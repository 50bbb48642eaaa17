/**
 * The {@code awssso} health indicator on Spring Boot 3's health API ({@code org.springframework.boot.actuate.health})
 * and its auto-configuration.
 */
@NullMarked
package dev.awssso.autoconfigure.health.boot3;

import org.jspecify.annotations.NullMarked;
