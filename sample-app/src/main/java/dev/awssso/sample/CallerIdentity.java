package dev.awssso.sample;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Who the application is to AWS, from STS {@code GetCallerIdentity}.
 *
 * @param account the account id
 * @param arn the ARN of the caller, for IAM Identity Center an assumed-role ARN
 * @param userId the unique id of the caller (role id and session name)
 * @param credentialsExpireAt when the role credentials in use expire, if known
 */
public record CallerIdentity(String account, String arn, String userId, @Nullable Instant credentialsExpireAt) {
}
