package io.tokenfleet;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layers: kernel (JDK only) <- cost, config, trace, report, plan <- spark <- cli.
 * Planning and costing stay testable without Spark; only records travel to executors.
 */
class LayeringTest {
  private static JavaClasses main;

  @BeforeAll
  static void importMain() {
    main = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.tokenfleet");
  }

  @Test
  void kernelUsesOnlyTheJdk() {
    classes().that().resideInAPackage("io.tokenfleet.kernel..")
        .should().onlyDependOnClassesThat(resideInAnyPackage("io.tokenfleet.kernel..", "java.lang..", "java.util..", "java.math..")
            .or(equivalentTo(java.io.Serializable.class)))
        .because("the kernel is pure arithmetic: no I/O, no Spark, no config library (records are Serializable for executors)")
        .check(main);
  }

  @Test
  void middleLayersDoNotUseSparkOrTheCli() {
    noClasses().that().resideInAnyPackage("io.tokenfleet.cost..", "io.tokenfleet.config..", "io.tokenfleet.trace..",
            "io.tokenfleet.report..", "io.tokenfleet.plan..", "io.tokenfleet.fleet..")
        .should().dependOnClassesThat().resideInAnyPackage("org.apache.spark..", "io.tokenfleet.spark..",
            "io.tokenfleet.cli..", "picocli..")
        .check(main);
  }

  @Test
  void costAndPlanDoNotReadConfigFiles() {
    noClasses().that().resideInAnyPackage("io.tokenfleet.cost..", "io.tokenfleet.plan..", "io.tokenfleet.kernel..")
        .should().dependOnClassesThat().resideInAnyPackage("com.typesafe.config..", "io.tokenfleet.config..")
        .because("configuration becomes validated records at start-up; only records flow below")
        .check(main);
  }

  @Test
  void sparkJobsDoNotUseTheCli() {
    noClasses().that().resideInAPackage("io.tokenfleet.spark..")
        .should().dependOnClassesThat().resideInAnyPackage("io.tokenfleet.cli..", "picocli..")
        .check(main);
  }
}
