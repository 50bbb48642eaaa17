/**
 * Auto-configuration of the IAM Identity Center meters.
 */
@NullMarked
package dev.awssso.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
