package io.cairn.node;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.cairn.node.assembly.NodeCore;
import io.cairn.node.assembly.NodeOptions;
import io.cairn.node.assembly.NodePorts;
import io.cairn.protocol.wire.WireCodec;
import org.junit.jupiter.api.Test;

/**
 * The node's core runs unchanged under Vert.x and under the deterministic simulator, so it may talk
 * only to its ports. Vert.x, Netty, Dropwizard and Prometheus live in the adapters
 * ({@code io.cairn.node.adapter..}) and in the composition root ({@code io.cairn.node}, where
 * {@code NodeRuntime} builds the core on them), nowhere else.
 */
class CoreBoundaryTest {

  private static final JavaClasses NODE = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.cairn.node");

  @Test
  void theCoreImportsNoVertxAndNoMetricsLibrary() {
    noClasses()
        .that().resideOutsideOfPackages("io.cairn.node", "io.cairn.node.adapter..")
        .should().dependOnClassesThat().resideInAnyPackage("io.vertx..", "io.netty..", "com.codahale..", "io.prometheus..")
        .because("the core talks to Transport, Scheduler, Clock, StorageEngine and Metrics, so the simulator can run it")
        .check(NODE);
  }

  @Test
  void nothingButTheCompositionRootDependsOnTheAdapters() {
    noClasses()
        .that().resideOutsideOfPackages("io.cairn.node", "io.cairn.node.adapter..")
        .should().dependOnClassesThat().resideInAPackage("io.cairn.node.adapter..")
        .because("adapters plug into the core's ports; the core never reaches back into them")
        .check(NODE);
  }

  @Test
  void onlyTheCompositionRootsUseTheAssembly() {
    noClasses()
        .that().resideOutsideOfPackages("io.cairn.node", "io.cairn.node.assembly..", "io.cairn.node.adapter..")
        .should().dependOnClassesThat().resideInAPackage("io.cairn.node.assembly..")
        .because("NodeCore assembles the parts; a part that reached back to it would make a cycle")
        .check(NODE);
  }

  @Test
  void theCoreIsAssembledInOnePlace() {
    classes()
        .that().haveSimpleName("Coordinator").or().haveSimpleName("ReplicaStore")
        .should().onlyBeAccessed().byClassesThat().resideOutsideOfPackage("io.cairn.node.adapter..")
        .check(NODE);
    // NodeCore is the one assembly: the node builds it, and so does the simulator (SimulatorRunsNodeCoreTest)
    noClasses().that().resideInAPackage("io.cairn.node.adapter..").should().callConstructor(NodeCore.class,
        NodePorts.class, NodeOptions.class, WireCodec.class)
        .check(NODE);
  }
}
