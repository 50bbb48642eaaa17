/**
 * Guards of the {@code awssso} endpoint's HTTP paths against other users' requests, requests a browser sends for
 * another site and requests through DNS rebinding.
 */
@NullMarked
package dev.awssso.boot.web;

import org.jspecify.annotations.NullMarked;
