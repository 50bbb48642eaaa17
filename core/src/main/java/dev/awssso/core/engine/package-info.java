/**
 * The engine: {@link dev.awssso.core.engine.SsoEngine} builds the parts of one IAM Identity Center sign-in and role
 * from {@link dev.awssso.core.EngineOptions} and runs their background work; the
 * {@link dev.awssso.core.engine.RoleRegistry} serves several roles over one or more sign-ins, with roles assumed on
 * top of them, and delivers the events of all of them on one thread.
 */
@NullMarked
package dev.awssso.core.engine;

import org.jspecify.annotations.NullMarked;
