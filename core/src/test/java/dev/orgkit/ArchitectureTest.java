package dev.orgkit;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.orgkit.internal.Check;
import dev.orgkit.internal.NoControlCharacters;
import dev.orgkit.internal.ValidEmail;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The core stays pure (no JDBC, no mail, no framework, no storage or mailer module), and its API
 * depends on its {@code internal} packages only where this test names it.
 */
class ArchitectureTest {
    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.orgkit");
    }

    @Test
    void the_core_never_touches_jdbc() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..").check(core);
    }

    @Test
    void the_core_never_touches_mail() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("jakarta.mail..", "javax.mail..",
                "org.eclipse.angus..").check(core);
    }

    @Test
    void the_core_uses_no_framework() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta.inject..",
                "jakarta.persistence..", "io.quarkus..", "io.micronaut..").check(core);
    }

    @Test
    void the_core_does_not_know_any_storage_or_mailer_module() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.orgkit.inmemory..", "dev.orgkit.jdbc..",
                "dev.orgkit.smtp..", "dev.orgkit.tck..").check(core);
    }

    @Test
    void the_api_packages_do_not_expose_the_internal_services() {
        noClasses().that().resideInAnyPackage("dev.orgkit.spi..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.orgkit.internal..")
                .because("storage and mailer implementations must not depend on what may change in any release")
                .check(core);
    }

    /**
     * The API (every package but {@code internal}) uses internal code only through a closed list:
     * the precondition helper that value types validate their components with, the two Bean
     * Validation constraints that the input records carry, and {@link OrgKit}, which builds the
     * internal services. Anything else an API type needs from {@code internal} fails the build: it
     * either belongs in the API, or the API type should not need it.
     */
    @Test
    void the_api_uses_internal_code_only_through_the_named_exceptions() {
        noClasses().that().resideOutsideOfPackage("dev.orgkit.internal..")
                .and(not(belongToAnyOf(OrgKit.class)))
                .should().dependOnClassesThat(resideInAPackage("dev.orgkit.internal..")
                        .and(not(belongToAnyOf(Check.class, NoControlCharacters.class, ValidEmail.class))))
                .because("internal code may change in any release; an API type that depends on it makes "
                        + "that dependency part of what the API promises")
                .check(core);
    }
}
