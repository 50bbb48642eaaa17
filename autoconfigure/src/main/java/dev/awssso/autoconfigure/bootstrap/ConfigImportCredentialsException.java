package dev.awssso.autoconfigure.bootstrap;

import dev.awssso.core.SsoSessionException;

import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * The IAM Identity Center credentials of the configuration imports ({@code spring.config.import}) cannot be
 * served. The message is the session's, with the command that signs in; the cause says why.
 */
final class ConfigImportCredentialsException extends SdkClientException {

    private static final long serialVersionUID = 1L;

    ConfigImportCredentialsException(SsoSessionException cause) {
        super(SdkClientException.builder().message(cause.getMessage()).cause(cause));
    }

}
