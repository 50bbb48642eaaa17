/**
 * Resolution of IAM Identity Center settings: {@code aws.sso.*} values, the shared config file read with the
 * AWS SDK's {@code ProfileFile}, merging and validation into {@link dev.awssso.core.config.SsoSettings}.
 */
@NullMarked
package dev.awssso.core.config;

import org.jspecify.annotations.NullMarked;
