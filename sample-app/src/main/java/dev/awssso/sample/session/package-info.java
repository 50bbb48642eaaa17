/**
 * The status page's API: the session, who AWS sees, signing in and out.
 */
@NullMarked
package dev.awssso.sample.session;

import org.jspecify.annotations.NullMarked;
