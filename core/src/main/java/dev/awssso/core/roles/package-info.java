/**
 * Several roles over one sign-in, and roles assumed on top of them: the {@link dev.awssso.core.roles.RoleRegistry}
 * serves each named role's credentials, one token manager per sso-session, and reports each role's status.
 */
@NullMarked
package dev.awssso.core.roles;

import org.jspecify.annotations.NullMarked;
