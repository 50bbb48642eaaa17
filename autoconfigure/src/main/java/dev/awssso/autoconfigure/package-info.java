/**
 * Auto-configuration of IAM Identity Center credentials: {@code aws.sso.*} properties, the conditions, the engine
 * and its providers, and the failure analysis of configuration mistakes.
 */
@NullMarked
package dev.awssso.autoconfigure;

import org.jspecify.annotations.NullMarked;
