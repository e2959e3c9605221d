package dev.steward.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering, checked over the compiled classes of the server: transport ({@code cli}, {@code http})
 * on top, nothing below imports it; the domain (the catalog model, resolution, readiness, alignment's
 * comparison, plans, runbooks) is plain Java, with no HTTP, SQL or Git in it; and no package depends on
 * itself through others.
 */
class LayeringTest {
    private static final String[] DOMAIN = {"dev.steward.catalog..", "dev.steward.resolve..", "dev.steward.plan..",
        "dev.steward.runbooks..", "dev.steward.codeowners.."};
    private static JavalinFreeClasses classes;

    /** The server's main classes (not tests, not the jars they use). */
    private record JavalinFreeClasses(JavaClasses all) {
    }

    @BeforeAll
    static void importClasses() {
        classes = new JavalinFreeClasses(new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("dev.steward"));
    }

    @Test
    void nothingBelowTheCommandLineImportsIt() {
        noClasses().that().resideOutsideOfPackage("dev.steward.cli..")
                .should().dependOnClassesThat().resideInAPackage("dev.steward.cli..")
                .check(classes.all());
    }

    @Test
    void nothingBelowHttpImportsIt() {
        noClasses().that().resideOutsideOfPackages("dev.steward.http..", "dev.steward.cli..")
                .should().dependOnClassesThat().resideInAPackage("dev.steward.http..")
                .check(classes.all());
    }

    @Test
    void theDomainHasNoHttpSqlOrGitInIt() {
        noClasses().that().resideInAnyPackage(DOMAIN)
                .and().resideOutsideOfPackage("dev.steward.readiness.store..")
                .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "org.jdbi..", "java.sql..",
                        "org.eclipse.jgit..", "dev.steward.store..", "dev.steward.git..", "dev.steward.http..",
                        "dev.steward.cli..")
                .check(classes.all());
    }

    @Test
    void readinessAndAlignmentComparisonsHaveNoStoreInThem() {
        noClasses().that().resideInAnyPackage("dev.steward.readiness", "dev.steward.alignment")
                .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "org.jdbi..", "java.sql..",
                        "org.eclipse.jgit..", "dev.steward.store..", "dev.steward.git..", "dev.steward.http..",
                        "dev.steward.cli..")
                .check(classes.all());
    }

    @Test
    void noPackageDependsOnItselfThroughOthers() {
        slices().matching("dev.steward.(**)").should().beFreeOfCycles().check(classes.all());
    }
}
