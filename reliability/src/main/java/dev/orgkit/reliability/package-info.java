/**
 * The multi-process reliability harness: worker processes run a seeded workload on one database
 * while processes are killed, database backends terminated and mails refused; a checker then reads
 * the database and the workers' journals and proves what orgkit promises.
 */
@org.jspecify.annotations.NullMarked
package dev.orgkit.reliability;
