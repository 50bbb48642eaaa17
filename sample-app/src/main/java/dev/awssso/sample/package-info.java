/**
 * A Spring Boot application that calls AWS STS with the starter's credentials.
 */
@NullMarked
package dev.awssso.sample;

import org.jspecify.annotations.NullMarked;
