package org.hopscope.engine.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The engine is pure Java: it never depends on JavaFX, nor on the app that uses it. */
class EngineArchitectureTest {
    private static JavaClasses engine;

    @BeforeAll
    static void importEngine() {
        engine = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.hopscope.engine");
    }

    @Test
    void engineClassesWereImported() {
        // Guards the rules below against passing vacuously on an empty import.
        Assertions.assertThat(engine.size()).isGreaterThan(20);
    }

    @Test
    void engineNeverDependsOnJavaFx() {
        noClasses().that().resideInAPackage("org.hopscope.engine..")
                .should().dependOnClassesThat().resideInAPackage("javafx..")
                .check(engine);
    }

    @Test
    void engineNeverDependsOnTheApp() {
        noClasses().that().resideInAPackage("org.hopscope.engine..")
                .should().dependOnClassesThat().resideInAPackage("org.hopscope.app..")
                .check(engine);
    }

    @Test
    void packetLayerDependsOnNothingAboveIt() {
        noClasses().that().resideInAPackage("org.hopscope.engine.packet..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.hopscope.engine.probe..", "org.hopscope.engine.algo..",
                        "org.hopscope.engine.trace..", "org.hopscope.engine.transport..",
                        "org.hopscope.engine.sim..", "org.hopscope.engine.format..")
                .check(engine);
    }
}
