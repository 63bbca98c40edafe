/**
 * JMH benchmarks of orgkit's hot paths, each measured in the same run as its floor. Build with
 * {@code mvn -B -ntp package -pl benchmarks -am}, run {@code java -jar benchmarks/target/benchmarks.jar}.
 */
@NullMarked
package dev.orgkit.benchmarks;

import org.jspecify.annotations.NullMarked;
