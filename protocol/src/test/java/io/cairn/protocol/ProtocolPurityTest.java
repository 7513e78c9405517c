package io.cairn.protocol;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The protocol module is pure: the same code must behave identically in a node, in the
 * deterministic simulator and in a property test. So it does no I/O, reads no clock, draws no
 * randomness of its own and starts no threads; time and randomness come in as parameters.
 */
class ProtocolPurityTest {

  private static final JavaClasses PROTOCOL =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.cairn.protocol");

  @Test
  void doesNoFileOrNetworkIo() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("java.nio.file..", "java.nio.channels..", "java.net..")
        .orShould()
        .dependOnClassesThat()
        .haveNameMatching(
            "java\\.io\\.(File.*|RandomAccessFile|PrintStream|Console|InputStreamReader)")
        .because("protocol code must not do I/O")
        .check(PROTOCOL);
  }

  @Test
  void readsNoClock() {
    noClasses()
        .should()
        .callMethod(System.class, "currentTimeMillis")
        .orShould()
        .callMethod(System.class, "nanoTime")
        .orShould()
        .dependOnClassesThat()
        .haveNameMatching("java\\.time\\.(Clock|Instant|LocalDateTime|ZonedDateTime|OffsetDateTime)")
        .because("time is a parameter of the protocol, never read from the machine")
        .check(PROTOCOL);
  }

  @Test
  void drawsNoRandomnessOfItsOwnAndStartsNoThreads() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .haveNameMatching(
            "java\\.util\\.(Random|UUID|concurrent\\.ThreadLocalRandom|concurrent\\.Executor.*)|java\\.security\\.SecureRandom|java\\.lang\\.Thread")
        .because("randomness is injected (RandomGenerator parameter) and threads belong to the node")
        .check(PROTOCOL);
  }
}
