package dev.awssso.autoconfigure;

import org.springframework.context.aot.AbstractAotProcessor;

/**
 * Whether this JVM is AOT-processing an application ({@code spring-boot:process-aot}, {@code processAot}): Spring
 * sets the {@code spring.aot.processing} system property while it does, and Spring Boot reads it the same way.
 * Conditions are then decided on the build machine, whose {@code ~/.aws} and environment are not the user's, and
 * the bean definitions they select are fixed for every run of the processed application.
 */
final class AotProcessing {

    private AotProcessing() {
    }

    static boolean inProgress() {
        return Boolean.getBoolean(AbstractAotProcessor.AOT_PROCESSING);
    }
}
