package dev.orgkit.spring.web;

/** API keys, usage, audit, permissions and support on the JDBC storage over H2. */
class H2ApiFlowsMoreTest extends ApiFlowsMore {
    @Override
    String storage() {
        return "h2";
    }
}
