package dev.orgkit.spring.web;

/** API-key authentication and secrecy, on the JDBC storage over H2. */
class H2ApiKeysAndSecretsTest extends ApiKeysAndSecrets {
    @Override
    String storage() {
        return "h2";
    }
}
