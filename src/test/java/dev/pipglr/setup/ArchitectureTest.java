package dev.pipglr.setup;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.pipglr.setup.ui.common.BackgroundAction;
import dev.pipglr.setup.ui.common.PodmanAction;
import dev.pipglr.setup.ui.common.StepContext;
import java.nio.file.Files;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The layering the project relies on, checked on the compiled classes. */
@Tag("unit")
class ArchitectureTest {

    private static final String[] LOGIC = {
        "dev.pipglr.setup.host..",
        "dev.pipglr.setup.podman..",
        "dev.pipglr.setup.runlabel..",
        "dev.pipglr.setup.config..",
        "dev.pipglr.setup.wizard..",
        "dev.pipglr.setup.logs..",
        "dev.pipglr.setup.fleet.."
    };

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.pipglr.setup");

    @Test
    void logicPackagesNeverUseJavaFx() {
        noClasses()
                .that()
                .resideInAnyPackage(LOGIC)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("javafx..")
                .check(CLASSES);
    }

    /** The export writes what it is handed: reading podman is the wizard's part (FleetSources). */
    @Test
    void theFleetExportNeitherReadsPodmanNorTheWizard() {
        noClasses()
                .that()
                .resideInAPackage("dev.pipglr.setup.fleet..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.pipglr.setup.podman..", "dev.pipglr.setup.wizard..", "dev.pipglr.setup.ui..")
                .check(CLASSES);
    }

    @Test
    void onlyThePodmanPackageTouchesDockerJava() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.pipglr.setup.podman..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("com.github.dockerjava..")
                .check(CLASSES);
    }

    @Test
    void checksReadWithoutDockerJava() {
        noClasses()
                .that()
                .belongToAnyOf(
                        dev.pipglr.setup.podman.PodmanReads.class,
                        dev.pipglr.setup.podman.ReadOnlyPodman.class,
                        dev.pipglr.setup.wizard.SetupInspector.class,
                        dev.pipglr.setup.wizard.CheckContext.class)
                .or()
                .haveSimpleNameStartingWith("LibpodClient")
                .or()
                .haveSimpleNameStartingWith("UnixSocketTransport")
                .or()
                .haveSimpleNameStartingWith("ApiTransport")
                .or()
                .haveSimpleNameEndingWith("Check")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("com.github.dockerjava..", "picocli..")
                .orShould()
                .dependOnClassesThat()
                .belongToAnyOf(dev.pipglr.setup.podman.Podman.class, dev.pipglr.setup.podman.DockerJavaPodman.class)
                .because(
                        "check starts faster than podman's CLI only while its path loads neither docker-java nor picocli"
                                + " (bin/bench-check), and the step checks only read")
                .check(CLASSES);
    }

    @Test
    void viewModelsNeverTouchNodes() {
        classes()
                .that()
                .haveSimpleNameEndingWith("ViewModel")
                .or()
                .belongToAnyOf(StepContext.class, PodmanAction.class, BackgroundAction.class)
                .should()
                .onlyDependOnClassesThat()
                .resideOutsideOfPackage("javafx.scene..")
                .because("a view model is tested without a window; only views hold nodes (JabRef's MVVM rule)")
                .check(CLASSES);
    }

    @Test
    void onlyTheHostSeamTouchesFilesProcessesAndTheEnvironment() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.pipglr.setup.host..")
                .should()
                .dependOnClassesThat()
                .belongToAnyOf(Files.class, ProcessBuilder.class)
                .orShould()
                .callMethod(System.class, "getenv")
                .orShould()
                .callMethod(System.class, "getenv", String.class)
                .because(
                        "Machine (the machine set up) and LocalFiles (the wizard's own process) are the one seam to the "
                                + "host, so tests can point everything at a test host or a fake")
                .check(CLASSES);
    }

    @Test
    void theViewModelsExist() {
        // guards the rules above against matching nothing after a rename
        classes()
                .that()
                .haveSimpleNameEndingWith("ViewModel")
                .should()
                .resideInAPackage("dev.pipglr.setup.ui..")
                .check(CLASSES);
        org.junit.jupiter.api.Assertions.assertTrue(CLASSES.stream()
                        .filter(c -> c.getSimpleName().endsWith("ViewModel"))
                        .count()
                >= 9);
    }

    @Test
    void logicDoesNotDependOnTheUi() {
        noClasses()
                .that()
                .resideInAnyPackage(LOGIC)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.pipglr.setup.ui..", "dev.pipglr.setup.app..")
                .check(CLASSES);
    }
}
