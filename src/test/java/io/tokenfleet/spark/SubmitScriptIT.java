package io.tokenfleet.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jobs/submit's SPARK_LOCAL_IP: loopback only for a local master or a master on this machine, the
 * user's value always kept. A stand-in spark-submit on PATH prints what it was given, so no Spark
 * runs. An integration test because jobs/submit needs the shaded jar, which `package` builds.
 */
class SubmitScriptIT {
  private static final Path SUBMIT = Paths.get("jobs/submit").toAbsolutePath();

  @TempDir
  Path dir;
  private Path bin;

  @BeforeEach
  void fakeSparkSubmit() throws IOException {
    bin = Files.createDirectories(dir.resolve("bin"));
    Path fake = bin.resolve("spark-submit");
    Files.writeString(fake, "#!/usr/bin/env bash\necho \"SPARK_LOCAL_IP=${SPARK_LOCAL_IP-<unset>}\"\necho \"ARGS=$*\"\n");
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  /** jobs/submit SPARK_ARGS -- fleet-cost t.parquet in a clean environment (plus {@code env}); its SPARK_LOCAL_IP. */
  private String localIp(Map<String, String> env, String... sparkArgs) throws Exception {
    List<String> command = new ArrayList<>(List.of(SUBMIT.toString()));
    command.addAll(List.of(sparkArgs));
    command.addAll(List.of("--", "fleet-cost", "t.parquet"));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> e = pb.environment();
    e.remove("SPARK_LOCAL_IP"); // surefire and failsafe set it for Spark tests
    e.remove("SPARK_HOME");
    e.remove("SPARK_CONF_DIR");
    e.put("PATH", bin + ":" + System.getenv("PATH"));
    e.putAll(env);
    Process p = pb.start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "jobs/submit finished");
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), out);
    List<String> lines = out.lines().toList();
    String args = lines.stream().filter(l -> l.startsWith("ARGS=")).findFirst().orElseThrow(() -> new AssertionError(out));
    assertTrue(args.startsWith("ARGS=--class io.tokenfleet.cli.TokenfleetCli ") && args.endsWith("-all.jar fleet-cost t.parquet"),
        args);
    return lines.stream().filter(l -> l.startsWith("SPARK_LOCAL_IP=")).findFirst().orElseThrow().substring(15);
  }

  @Test
  void loopbackOnlyForLocalOrLoopbackMasters() throws Exception {
    assertEquals("127.0.0.1", localIp(Map.of()), "no master: spark-submit's default is local[*]");
    assertEquals("127.0.0.1", localIp(Map.of(), "--master", "local[2]"));
    assertEquals("127.0.0.1", localIp(Map.of(), "--master", "local-cluster[2,1,1024]"));
    assertEquals("127.0.0.1", localIp(Map.of(), "--master", "spark://127.0.0.1:7077"));
    assertEquals("127.0.0.1", localIp(Map.of(), "--master=spark://localhost:7077"));

    assertEquals("<unset>", localIp(Map.of(), "--master", "spark://10.0.0.5:7077"));
    assertEquals("<unset>", localIp(Map.of(), "--master=spark://spark-master.internal:7077", "--executor-memory", "4g"));
    assertEquals("<unset>", localIp(Map.of(), "--master", "yarn", "--deploy-mode", "client"));
    assertEquals("<unset>", localIp(Map.of(), "--master", "k8s://https://127.0.0.1:6443"), "pods cannot reach the host's loopback");
    assertEquals("<unset>", localIp(Map.of(), "--conf", "spark.master=yarn"));
  }

  @Test
  void theMasterOfSparkDefaultsCountsAndTheUsersAddressIsKept() throws Exception {
    Path conf = Files.createDirectories(dir.resolve("conf"));
    Files.writeString(conf.resolve("spark-defaults.conf"), "# spark.master local\nspark.master   yarn\n");
    assertEquals("<unset>", localIp(Map.of("SPARK_CONF_DIR", conf.toString())));
    assertEquals("127.0.0.1", localIp(Map.of("SPARK_CONF_DIR", conf.toString()), "--master", "local[*]"),
        "the command line wins over spark-defaults.conf");

    assertEquals("10.1.2.3", localIp(Map.of("SPARK_LOCAL_IP", "10.1.2.3")));
    assertEquals("10.1.2.3", localIp(Map.of("SPARK_LOCAL_IP", "10.1.2.3"), "--master", "yarn"));
  }
}
