package dev.orgkit.spring.web;

/** Every refusal, on the JDBC storage over H2. */
class H2ApiRefusalsTest extends ApiRefusals {
    @Override
    String storage() {
        return "h2";
    }
}
