package dev.orgkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The core stays pure: no JDBC, no mail, no framework, no storage or mailer module. */
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
}
