/**
 * JMH benchmarks of start-up: an application with and without the starter, and the engine alone.
 */
@NullMarked
package dev.awssso.benchmarks.startup;

import org.jspecify.annotations.NullMarked;
