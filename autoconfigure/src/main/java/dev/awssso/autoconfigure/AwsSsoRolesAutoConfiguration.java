package dev.awssso.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Import;

import software.amazon.awssdk.services.sso.SsoClient;
import software.amazon.awssdk.services.ssooidc.SsoOidcClient;

/**
 * Auto-configuration of one {@code AwsCredentialsProvider} bean per named role of {@code aws.sso.roles}, qualified
 * with the role's name (see {@link NamedRoleBeans}): a role of IAM Identity Center, or over the {@code aws login}
 * session the application signs in with. Unlike the other beans of the starter, they are registered
 * where IAM Identity Center is not configured too, and are then the AWS SDK's default credentials chain: the
 * qualified injection points of an application keep working where it runs with an IAM role.
 */
@AutoConfiguration(after = { AwsSsoAutoConfiguration.class, AwsLoginSessionAutoConfiguration.class })
@ConditionalOnClass({ SsoClient.class, SsoOidcClient.class })
@ConditionalOnBooleanProperty(name = "aws.sso.enabled", matchIfMissing = true)
@Import(NamedRoleBeans.class)
public final class AwsSsoRolesAutoConfiguration {

}
