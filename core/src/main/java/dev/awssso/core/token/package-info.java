/**
 * The access token: the AWS CLI's token cache files, read and written compatibly, and the token manager that
 * follows them and refreshes the token with SSO OIDC.
 */
@NullMarked
package dev.awssso.core.token;

import org.jspecify.annotations.NullMarked;
