package dev.pipglr.setup;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

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

    /**
     * docs/architecture.md's package table as one rule: each package may use only what its "may use" column says
     * (app uses everything; the JDK and libraries are not layers here).
     */
    @Test
    void packagesUseOnlyWhatTheArchitectureTableAllows() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("app")
                .definedBy("dev.pipglr.setup.app..")
                .layer("wizard")
                .definedBy("dev.pipglr.setup.wizard..")
                .layer("host")
                .definedBy("dev.pipglr.setup.host..")
                .layer("podman")
                .definedBy("dev.pipglr.setup.podman..")
                .layer("runlabel")
                .definedBy("dev.pipglr.setup.runlabel..")
                .layer("config")
                .definedBy("dev.pipglr.setup.config..")
                .layer("logs")
                .definedBy("dev.pipglr.setup.logs..")
                .layer("fleet")
                .definedBy("dev.pipglr.setup.fleet..")
                .layer("ui.wizard")
                .definedBy("dev.pipglr.setup.ui.wizard..")
                .layer("ui.common")
                .definedBy("dev.pipglr.setup.ui.common..")
                .layer("ui.step")
                .definedBy(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "ui.<step>",
                        (com.tngtech.archunit.core.domain.JavaClass c) ->
                                c.getPackageName().startsWith("dev.pipglr.setup.ui.")
                                        && !c.getPackageName().startsWith("dev.pipglr.setup.ui.wizard")
                                        && !c.getPackageName().startsWith("dev.pipglr.setup.ui.common")))
                .whereLayer("host")
                .mayNotAccessAnyLayer()
                .whereLayer("config")
                .mayNotAccessAnyLayer()
                .whereLayer("podman")
                .mayOnlyAccessLayers("host")
                .whereLayer("runlabel")
                .mayOnlyAccessLayers("host")
                .whereLayer("logs")
                .mayOnlyAccessLayers("podman", "host")
                .whereLayer("fleet")
                .mayOnlyAccessLayers("host", "runlabel", "config")
                .whereLayer("wizard")
                .mayOnlyAccessLayers("host", "podman", "runlabel", "config", "logs", "fleet")
                .whereLayer("ui.common")
                .mayOnlyAccessLayers("host", "podman", "runlabel", "config", "logs", "fleet", "wizard")
                .whereLayer("ui.step")
                .mayOnlyAccessLayers(
                        "host", "podman", "runlabel", "config", "logs", "fleet", "wizard", "ui.common", "ui.step")
                .whereLayer("ui.wizard")
                .mayOnlyAccessLayers(
                        "host", "podman", "runlabel", "config", "logs", "fleet", "wizard", "ui.common", "ui.step")
                .whereLayer("app")
                .mayNotBeAccessedByAnyLayer()
                .check(CLASSES);
    }

    /** ui.common serves every page and ui.wizard holds them all; a page's own package uses no other page's. */
    @Test
    void stepPagesDoNotUseEachOther() {
        var shared = com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage(
                "dev.pipglr.setup.ui.common..", "dev.pipglr.setup.ui.wizard..");
        com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices()
                .matching("dev.pipglr.setup.ui.(*)..")
                .should()
                .notDependOnEachOther()
                .ignoreDependency(shared, com.tngtech.archunit.base.DescribedPredicate.alwaysTrue())
                .ignoreDependency(com.tngtech.archunit.base.DescribedPredicate.alwaysTrue(), shared)
                .check(CLASSES);
    }

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
