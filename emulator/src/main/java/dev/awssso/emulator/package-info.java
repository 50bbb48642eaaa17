/**
 * A local AWS IAM Identity Center for tests, benchmarks and demos: SSO OIDC, the SSO portal and STS
 * {@code GetCallerIdentity} and {@code AssumeRole} on the loopback interface, speaking the wire protocol the AWS SDK clients read.
 * Start one with {@link dev.awssso.emulator.IdentityCenterEmulator#start()}.
 */
@NullMarked
package dev.awssso.emulator;

import org.jspecify.annotations.NullMarked;
