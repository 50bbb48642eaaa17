/**
 * The starter's beans at run time: IAM Identity Center as the beans see it, the roles, the lifecycle of the engine,
 * the relay of its events and the sign-in on start-up.
 */
@NullMarked
package dev.awssso.boot;

import org.jspecify.annotations.NullMarked;
