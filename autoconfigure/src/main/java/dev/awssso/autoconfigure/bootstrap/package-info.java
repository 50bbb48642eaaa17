/**
 * IAM Identity Center credentials for configuration imported at start-up ({@code spring.config.import} of Spring
 * Cloud AWS's Parameter Store and Secrets Manager): the credentials and region registered in the bootstrap context,
 * the engine they come from, handed over to the application context, and the start-up sign-in.
 */
@NullMarked
package dev.awssso.autoconfigure.bootstrap;

import org.jspecify.annotations.NullMarked;
