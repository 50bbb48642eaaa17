/**
 * Sessions of {@code aws login}: the login cache shared with the AWS CLI and SDKs, the DPoP proofs that bind its
 * refresh token to its key, and the AWS Sign-In call that refreshes its credentials.
 */
@NullMarked
package dev.awssso.core.signin;

import org.jspecify.annotations.NullMarked;
