/**
 * Settings › API keys (create with a one-time display, roll with an overlap, revoke), the usage
 * chart, and a tiny API that keys authenticate, so that usage has something to count.
 */
@NullMarked
package dev.orgkit.examples.webapp.apikeys;

import org.jspecify.annotations.NullMarked;
