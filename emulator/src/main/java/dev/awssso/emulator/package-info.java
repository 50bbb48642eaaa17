/**
 * A local AWS IAM Identity Center for tests, benchmarks and demos: SSO OIDC, the SSO portal, STS
 * {@code GetCallerIdentity} and {@code AssumeRole}, the AWS Sign-In refresh of {@code aws login} sessions, and the
 * Parameter Store and Secrets Manager reads that configuration is imported with, on the loopback interface, speaking
 * the wire protocol the AWS SDK clients read.
 * Start one with {@link dev.awssso.emulator.IdentityCenterEmulator#start()}.
 */
@NullMarked
package dev.awssso.emulator;

import org.jspecify.annotations.NullMarked;
