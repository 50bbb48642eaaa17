/**
 * Auto-configuration of the guards on the {@code awssso} endpoint's HTTP paths.
 */
@NullMarked
package dev.awssso.autoconfigure.web;

import org.jspecify.annotations.NullMarked;
