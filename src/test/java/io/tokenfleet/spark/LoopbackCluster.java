package io.tokenfleet.spark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real Spark standalone master and worker on 127.0.0.1, started from the Maven jars (see
 * shared/STACK.md): the worker needs SPARK_HOME with a jars/ folder holding every jar, and
 * SPARK_SCALA_VERSION. Everything it starts is stopped by PID in {@link #close()}.
 */
final class LoopbackCluster implements AutoCloseable {
  private final Path home;
  private final String classpath;
  private final List<String> jvmArgs;
  private final List<Process> processes = new ArrayList<>();
  private final int masterPort;
  private Process worker;

  LoopbackCluster(Path workDir) throws IOException, InterruptedException {
    this.home = workDir;
    this.classpath = Files.readString(Paths.get(System.getProperty("tokenfleet.classpathFile"))).trim();
    this.jvmArgs = Files.readAllLines(Paths.get("jobs/jvm.args")).stream().filter(l -> !l.isBlank()).toList();
    Path sparkHome = Files.createDirectories(workDir.resolve("spark-home/jars"));
    for (String jar : classpath.split(":")) {
      Path source = Paths.get(jar);
      Path link = sparkHome.resolve(source.getFileName());
      if (!Files.exists(link)) {
        Files.createSymbolicLink(link, source);
      }
    }
    masterPort = freePort();
    try {
      int webUi = freePort();
      Process master = start("master", List.of("org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
          "--port", String.valueOf(masterPort), "--webui-port", String.valueOf(webUi)));
      awaitLog(master, workDir.resolve("master.log"), "I have been elected leader", Duration.ofSeconds(60));
      worker = start("worker", List.of("org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
          "--cores", "2", "--memory", "3g", "--webui-port", String.valueOf(freePort()),
          "--work-dir", Files.createDirectories(workDir.resolve("worker-work")).toString(), masterUrl()));
      awaitLog(worker, workDir.resolve("worker.log"), "Successfully registered with master", Duration.ofSeconds(60));
    } catch (IOException | RuntimeException | InterruptedException e) {
      close(); // never leave a daemon behind when start-up fails
      throw e;
    }
  }

  String masterUrl() {
    return "spark://127.0.0.1:" + masterPort;
  }

  /** Runs spark-submit (SparkSubmit from the Maven jars) and returns its exit code. */
  int submit(Path log, List<String> sparkConf, List<String> appArgs, Duration timeout) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(javaCommand());
    command.add("org.apache.spark.deploy.SparkSubmit");
    command.addAll(List.of("--master", masterUrl(), "--class", "io.tokenfleet.cli.TokenfleetCli",
        "--executor-memory", "1g", "--total-executor-cores", "2"));
    for (String c : sparkConf) {
      command.add("--conf");
      command.add(c);
    }
    command.add(System.getProperty("tokenfleet.shadedJar"));
    command.addAll(appArgs);
    return run(command, log, timeout);
  }

  /** Runs the CLI in its own local-mode JVM (as jobs/tokenfleet does) and returns its exit code. */
  int runLocal(Path log, List<String> appArgs, Duration timeout) throws IOException, InterruptedException {
    Process p = startLocal(log, appArgs);
    return waitFor(p, timeout);
  }

  Process startLocal(Path log, List<String> appArgs) throws IOException {
    List<String> command = new ArrayList<>(javaCommand());
    command.add("io.tokenfleet.cli.TokenfleetCli");
    command.addAll(appArgs);
    return builder(command, log).start();
  }

  /** PIDs of the executor JVMs this cluster's worker launched (their command line names the executor backend). */
  List<Long> executorPids() {
    if (worker == null) {
      return List.of();
    }
    return worker.descendants()
        .filter(p -> p.info().commandLine().map(c -> c.contains("CoarseGrainedExecutorBackend")).orElse(false))
        .map(ProcessHandle::pid).toList();
  }

  static int waitFor(Process p, Duration timeout) throws InterruptedException {
    if (!p.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new AssertionError("process did not finish within " + timeout);
    }
    return p.exitValue();
  }

  private int run(List<String> command, Path log, Duration timeout) throws IOException, InterruptedException {
    return waitFor(builder(command, log).start(), timeout);
  }

  private List<String> javaCommand() {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx1g");
    command.addAll(jvmArgs);
    command.add("-cp");
    command.add(Paths.get("target/classes").toAbsolutePath() + ":" + classpath);
    return command;
  }

  private ProcessBuilder builder(List<String> command, Path log) {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = pb.environment();
    env.put("SPARK_HOME", home.resolve("spark-home").toString());
    env.put("SPARK_SCALA_VERSION", "2.13");
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    return pb;
  }

  private Process start(String name, List<String> mainAndArgs) throws IOException {
    // The daemons log at INFO (their readiness lines), unlike tokenfleet's own WARN configuration.
    Path log4j = home.resolve("log4j2-daemons.properties");
    Files.writeString(log4j, "rootLogger.level = info\nrootLogger.appenderRef.stderr.ref = console\n"
        + "appender.console.type = Console\nappender.console.name = console\nappender.console.target = SYSTEM_ERR\n"
        + "appender.console.layout.type = PatternLayout\nappender.console.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n\n");
    List<String> command = new ArrayList<>(javaCommand());
    command.add(1, "-Dlog4j2.configurationFile=" + log4j.toAbsolutePath());
    command.addAll(mainAndArgs);
    Process p = builder(command, home.resolve(name + ".log")).start();
    processes.add(p);
    return p;
  }

  private static void awaitLog(Process p, Path log, String needle, Duration timeout) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(needle)) {
        return;
      }
      if (!p.isAlive()) {
        throw new IllegalStateException("process exited before '" + needle + "': " + Files.readString(log));
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("timed out waiting for '" + needle + "' in " + log);
  }

  private static int freePort() throws IOException {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() {
    List<Long> executors = executorPids(); // before the worker goes: orphans are no longer its descendants
    for (int i = processes.size() - 1; i >= 0; i--) {
      Process p = processes.get(i);
      p.descendants().forEach(ProcessHandle::destroy);
      p.destroy();
    }
    for (Process p : processes) {
      try {
        if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
          p.descendants().forEach(ProcessHandle::destroyForcibly);
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    executors.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
  }
}
