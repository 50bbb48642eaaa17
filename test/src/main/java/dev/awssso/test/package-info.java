/**
 * Test support for applications that use the starter: {@link dev.awssso.test.AutoConfigureAwsSsoEmulator} gives a
 * Spring test context an in-process {@link dev.awssso.emulator.IdentityCenterEmulator} and points the starter at it.
 */
@NullMarked
package dev.awssso.test;

import org.jspecify.annotations.NullMarked;
