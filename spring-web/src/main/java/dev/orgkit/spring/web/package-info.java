/**
 * orgkit's HTTP API for Spring Web MVC: {@link dev.orgkit.spring.web.OrgKitWebAutoConfiguration}
 * mounts it under {@code orgkit.web.base-path}, {@link dev.orgkit.spring.web.OrgKitPrincipalResolver}
 * says who calls, and {@link dev.orgkit.spring.web.ApiKeyAuthenticationFilter} protects a host's own
 * endpoints with orgkit's API keys. Errors are RFC 9457 problem details.
 */
@NullMarked
package dev.orgkit.spring.web;

import org.jspecify.annotations.NullMarked;
