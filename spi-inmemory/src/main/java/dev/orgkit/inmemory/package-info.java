/**
 * {@link dev.orgkit.inmemory.InMemoryStorage}: orgkit's state in the JVM's memory, for tests,
 * examples and small hosts. Nothing survives a restart.
 */
@NullMarked
package dev.orgkit.inmemory;

import org.jspecify.annotations.NullMarked;
