package dev.orgkit.spring.web;

/** Bad requests, on the JDBC storage over H2. */
class H2ApiBadRequestsTest extends ApiBadRequests {
    @Override
    String storage() {
        return "h2";
    }
}
