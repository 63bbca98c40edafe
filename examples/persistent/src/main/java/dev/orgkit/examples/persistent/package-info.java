/** A runnable example: orgkit on an H2 file database, whose members survive a restart. */
@NullMarked
package dev.orgkit.examples.persistent;

import org.jspecify.annotations.NullMarked;
