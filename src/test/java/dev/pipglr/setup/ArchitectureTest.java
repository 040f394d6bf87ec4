package dev.pipglr.setup;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The layering the project relies on, checked on the compiled classes. */
class ArchitectureTest {

    private static final String[] LOGIC = {"dev.pipglr.setup.host..", "dev.pipglr.setup.podman..",
            "dev.pipglr.setup.runlabel..", "dev.pipglr.setup.config..", "dev.pipglr.setup.wizard..", "dev.pipglr.setup.logs.."};

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.pipglr.setup");

    @Test
    void logicPackagesNeverUseJavaFx() {
        noClasses().that().resideInAnyPackage(LOGIC)
                .should().dependOnClassesThat().resideInAnyPackage("javafx..")
                .check(CLASSES);
    }

    @Test
    void onlyThePodmanPackageTouchesDockerJava() {
        noClasses().that().resideOutsideOfPackage("dev.pipglr.setup.podman..")
                .should().dependOnClassesThat().resideInAnyPackage("com.github.dockerjava..")
                .check(CLASSES);
    }

    @Test
    void logicDoesNotDependOnTheUi() {
        noClasses().that().resideInAnyPackage(LOGIC)
                .should().dependOnClassesThat().resideInAnyPackage("dev.pipglr.setup.ui..", "dev.pipglr.setup.app..")
                .check(CLASSES);
    }
}
