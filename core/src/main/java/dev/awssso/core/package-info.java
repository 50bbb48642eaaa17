/**
 * The Spring-free engine: {@link dev.awssso.core.SsoEngine} builds the parts for one IAM Identity Center sign-in
 * and role from {@link dev.awssso.core.EngineOptions} and runs their background work.
 */
@NullMarked
package dev.awssso.core;

import org.jspecify.annotations.NullMarked;
