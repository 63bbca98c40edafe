package dev.orgkit.spring.web;

/** The success paths on the JDBC storage over H2. */
class H2ApiFlowsTest extends ApiFlows {
    @Override
    String storage() {
        return "h2";
    }
}
