package dev.awssso.core.config;

import java.nio.file.Path;

import dev.awssso.core.internal.ShellWords;

/**
 * An {@code aws login} profile of the shared config file: the principal it signed in as, the region of its
 * AWS Sign-In calls and where its session is cached.
 *
 * @param profileName the profile
 * @param configFile the shared config file that holds it
 * @param loginSession the {@code login_session}: the ARN of the signed-in principal (IAM user, root or assumed role)
 * @param accountId the account of that principal
 * @param region the profile's {@code region}, where AWS Sign-In refreshes the session
 * @param cacheDirectory the login cache directory: {@code AWS_LOGIN_CACHE_DIRECTORY}, else {@code ~/.aws/login/cache}
 */
public record LoginSessionSettings(String profileName, Path configFile, String loginSession, String accountId,
        String region, Path cacheDirectory) {

    /** The command that signs in to this profile again. */
    public String signInCommand() {
        return "default".equals(this.profileName) ? "aws login"
                : "aws login --profile " + ShellWords.quote(this.profileName);
    }

    /** The session in words, such as {@code aws login session of profile 'dev' (arn:aws:iam::111122223333:user/dev)}. */
    public String describe() {
        return "aws login session of profile '" + this.profileName + "' (" + this.loginSession + ")";
    }
}
