/**
 * Guards of the {@code awssso} endpoint's HTTP paths against requests a browser sends for another site or
 * through DNS rebinding, and their auto-configuration.
 */
@NullMarked
package dev.awssso.autoconfigure.web;

import org.jspecify.annotations.NullMarked;
