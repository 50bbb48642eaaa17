/**
 * What the signed-in user may use and who AWS sees: the accounts and roles from the SSO portal, and the caller
 * identity from STS {@code GetCallerIdentity}.
 */
@NullMarked
package dev.awssso.core.account;

import org.jspecify.annotations.NullMarked;
