/**
 * The {@code awssso} health indicator on Spring Boot 3's health API ({@code org.springframework.boot.actuate.health}).
 */
@NullMarked
package dev.awssso.boot.health.boot3;

import org.jspecify.annotations.NullMarked;
