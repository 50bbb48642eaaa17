/**
 * Signing in to IAM Identity Center from the application (PKCE in a browser, or a device code) and out again, with
 * the files the AWS CLI writes.
 */
@NullMarked
package dev.awssso.core.login;

import org.jspecify.annotations.NullMarked;
