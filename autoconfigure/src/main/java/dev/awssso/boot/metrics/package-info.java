/**
 * Micrometer meters of the IAM Identity Center sign-ins and their roles.
 */
@NullMarked
package dev.awssso.boot.metrics;

import org.jspecify.annotations.NullMarked;
