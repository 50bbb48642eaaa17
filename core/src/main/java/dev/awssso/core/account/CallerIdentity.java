package dev.awssso.core.account;

/**
 * Who AWS sees behind the credentials, as {@code aws sts get-caller-identity} shows it.
 *
 * @param account account id
 * @param arn ARN of the assumed role session
 * @param userId unique id of the role session
 */
public record CallerIdentity(String account, String arn, String userId) {
}
