/**
 * The {@code AwsCredentialsProvider} over the SSO portal's {@code GetRoleCredentials}, and the one that falls back to
 * another provider while no session is available.
 */
@NullMarked
package dev.awssso.core.credentials;

import org.jspecify.annotations.NullMarked;
