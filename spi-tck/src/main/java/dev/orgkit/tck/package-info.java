/**
 * The storage conformance kit: orgkit's storage contract as abstract JUnit 5 tests. A storage
 * implementation extends {@link dev.orgkit.tck.StorageContract} with one factory method and passes
 * every test.
 */
@NullMarked
package dev.orgkit.tck;

import org.jspecify.annotations.NullMarked;
