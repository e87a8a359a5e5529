package org.hopscope.app.gui;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * MVVM and threading rules of the GUI: views never drive the engine, only the dispatcher hands work
 * to the FX thread, and one adapter alone knows the multipath engine's entry points.
 */
class GuiArchitectureTest {
    private static JavaClasses gui;

    @BeforeAll
    static void importGui() {
        gui = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.hopscope.app.gui");
    }

    @Test
    void guiClassesWereImported() {
        Assertions.assertThat(gui.size()).isGreaterThan(40);
    }

    @Test
    void viewsNeverCallTheEngineDirectly() {
        noClasses().that().resideInAPackage("org.hopscope.app.gui.view..")
                .should().dependOnClassesThat().resideInAnyPackage("org.hopscope.engine.algo..",
                        "org.hopscope.engine.mda..", "org.hopscope.engine.continuous..", "org.hopscope.engine.sim..",
                        "org.hopscope.engine.transport..", "org.hopscope.engine.format..",
                        "org.hopscope.engine.enrich..")
                .check(gui);
        // the mode enum is the only thing of the job layer a view may name (for its combo box)
        noClasses().that().resideInAPackage("org.hopscope.app.gui.view..")
                .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("org.hopscope.app.gui.run..")
                        .and(DescribedPredicate.not(JavaClass.Predicates.simpleName("TraceMode"))))
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.hopscope.app.gui.store.TraceFiles")
                .check(gui);
    }

    @Test
    void onlyTheDispatcherHandsWorkToTheFxThread() {
        noClasses().that().doNotHaveFullyQualifiedName("org.hopscope.app.gui.fx.FxDispatcher")
                .should().callMethod(javafx.application.Platform.class, "runLater", Runnable.class)
                .check(gui);
    }

    @Test
    void onlyTheAdapterKnowsTheMultipathEngine() {
        noClasses().that().doNotHaveFullyQualifiedName("org.hopscope.app.gui.run.MdaTraceJob")
                .should().dependOnClassesThat().resideInAPackage("org.hopscope.engine.mda..")
                .check(gui);
    }
}
