/**
 * Snapshots of the session's status, the events that change it, and the warnings before the session ends.
 */
@NullMarked
package dev.awssso.core.status;

import org.jspecify.annotations.NullMarked;
