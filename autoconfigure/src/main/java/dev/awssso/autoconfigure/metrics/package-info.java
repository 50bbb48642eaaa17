/**
 * Micrometer meters of the IAM Identity Center session, its roles and their auto-configuration.
 */
@NullMarked
package dev.awssso.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
