/**
 * Members of organizations and their roles. Service: {@link dev.orgkit.member.Members}.
 */
@NullMarked
package dev.orgkit.member;

import org.jspecify.annotations.NullMarked;
