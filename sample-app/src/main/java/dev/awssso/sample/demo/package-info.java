/**
 * The sample's demo mode: a local IAM Identity Center emulator, signed in, that {@code aws.sso.*} points at.
 */
@NullMarked
package dev.awssso.sample.demo;

import org.jspecify.annotations.NullMarked;
