/**
 * JMH benchmarks of the credentials hot path and of a refresh under load, against the emulator.
 */
@NullMarked
package dev.awssso.benchmarks;

import org.jspecify.annotations.NullMarked;
