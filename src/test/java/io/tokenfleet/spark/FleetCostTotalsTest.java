package io.tokenfleet.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import io.tokenfleet.config.ConfigLoader;
import io.tokenfleet.config.GpuCatalogConfig;
import io.tokenfleet.config.ModelCatalog;
import io.tokenfleet.config.TimeModelConfig;
import io.tokenfleet.cost.Deployment;
import io.tokenfleet.cost.GpuSpec;
import io.tokenfleet.cost.RequestCostModel;
import io.tokenfleet.cost.RequestTiming;
import io.tokenfleet.hostile.FleetCli;
import io.tokenfleet.hostile.HostileTraces;
import io.tokenfleet.hostile.SummaryFile;
import io.tokenfleet.kernel.DecodingStrategy;
import io.tokenfleet.kernel.Dtype;
import io.tokenfleet.kernel.KvSharing;
import io.tokenfleet.kernel.ModelSpec;
import io.tokenfleet.kernel.RequestFlops;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * fleet-cost totals against figures computed outside the Spark job: estimate's JSON, the kernel's
 * RequestFlops per row summed exactly here, and the flops time model's closed form.
 */
class FleetCostTotalsTest {
  private static final Config CONFIG = ConfigLoader.load();

  @TempDir
  Path dir;

  private static JsonNode estimateJson(String model, int prompt, int output, String... deployment) throws Exception {
    List<String> args = new ArrayList<>(List.of("estimate", "--model", model, "--prompt", Integer.toString(prompt),
        "--output", Integer.toString(output), "--json"));
    args.addAll(List.of(deployment));
    FleetCli r = FleetCli.run(args.toArray(String[]::new));
    assertEquals(0, r.exitCode(), r.err());
    return new ObjectMapper().readTree(r.out());
  }

  private static void assertRelative(double expected, double actual, double tolerance, String what) {
    assertTrue(Math.abs(actual - expected) <= tolerance * Math.abs(expected),
        what + ": expected " + expected + ", got " + actual + " (relative tolerance " + tolerance + ")");
  }

  @Test
  void thousandCopiesUnderTheFlopsTimeModelCostThousandTimesOneRequest() throws Exception {
    Path trace = HostileTraces.write(dir.resolve("trace"), HostileTraces.copies(1000, 100, 20, "gpt2"));
    Path out = dir.resolve("out");
    FleetCli r = FleetCli.fleetCost(trace.toString(), out.toString()); // gpt2 greedy h100-sxm:1 flops batch 8
    assertEquals(0, r.exitCode(), r.err());
    assertEquals("", r.err());

    JsonNode one = estimateJson("gpt2", 100, 20);
    long flopsPerRequest = one.get("flops_total").asLong(); // 22,021,552,128 for gpt2 P=100 M=20
    CSVRecord row = SummaryFile.only(SummaryFile.read(out), "gpt2");
    assertEquals(1000, Long.parseLong(row.get("requests")));
    assertEquals(1000L * 100, Long.parseLong(row.get("prompt_tokens")));
    assertEquals(1000L * 20, Long.parseLong(row.get("output_tokens")));
    // 1000 x an integer below 2^53 / 1000 is exact in a double, and the summary's sum is exact
    assertEquals(1000.0 * flopsPerRequest, Double.parseDouble(row.get("flops_total")));
    assertEquals(1000.0 * one.get("flops_prefill").asLong(), Double.parseDouble(row.get("flops_prefill")));
    assertEquals(1000.0 * one.get("flops_decode").asLong(), Double.parseDouble(row.get("flops_decode")));

    // the same request priced by estimate on the same deployment (gpt2 greedy, one H100 SXM, batch 8, flops)
    JsonNode priced = estimateJson("gpt2", 100, 20, "--gpu", "h100-sxm", "--tp", "1", "--batch", "8", "--time-model",
        "flops");
    assertTrue(priced.get("fits_in_memory").asBoolean() && priced.get("max_batch").asLong() >= 8,
        "fleet-cost caps the batch by KV fit; this case must not hit the cap: " + priced);
    assertRelative(1000 * priced.get("gpu_seconds").asDouble() / 3600, Double.parseDouble(row.get("gpu_hours")), 1e-12,
        "gpu_hours = 1000 x estimate's gpu_seconds / 3600");
    assertRelative(1000 * priced.get("dollars").asDouble(), Double.parseDouble(row.get("dollars")), 1e-12,
        "dollars = 1000 x estimate's dollars");

    // and by hand, independently of both: under the flops time model every step takes its FLOPs / (tp x peak x mfu);
    // a request's share of a batch of B is tp x (B x its step time) / B, so GPU-seconds per request =
    // FLOPs / (peak x mfu), whatever tp and B. Peak: H100 SXM dense BF16 989.4 TFLOP/s (NVIDIA's datasheet);
    // mfu 0.5; $3.24 per GPU-hour (reference.conf). 22,021,552,128 FLOPs (docs/kernel.md's closed form for gpt2,
    // P = 100, M = 20) x 1000 / 494.7e12 FLOP/s = 0.044515 s = 1.2365e-5 GPU-hours.
    assertEquals(22_021_552_128L, flopsPerRequest);
    double gpuHours = 1000.0 * 22_021_552_128.0 / (989.4e12 * 0.5) / 3600.0;
    assertRelative(gpuHours, Double.parseDouble(row.get("gpu_hours")), 1e-12, "gpu_hours by hand");
    assertRelative(gpuHours * 3.24, Double.parseDouble(row.get("dollars")), 1e-12, "dollars by hand");
  }

  @Test
  void thousandCopiesUnderTheRooflineCostThousandTimesTheCostModelsFigure() throws Exception {
    Path trace = HostileTraces.write(dir.resolve("trace"), HostileTraces.copies(1000, 512, 128, "llama-2-7b"));
    Path out = dir.resolve("out");
    FleetCli r = FleetCli.run("fleet-cost", trace.toString(), "--out", out.toString(), "--models", "llama-2-7b",
        "--strategies", "greedy", "--deployments", "a100-80gb:2", "--time-model", "roofline", "--batch", "16");
    assertEquals(0, r.exitCode(), r.err());

    ModelSpec spec = ModelCatalog.fromConfig(CONFIG).get("llama-2-7b");
    GpuSpec a100 = GpuCatalogConfig.from(CONFIG).get("a100-80gb");
    TimeModelConfig timeModels = TimeModelConfig.from(CONFIG);
    Deployment deployment = new Deployment(spec, a100, 2, Dtype.BF16, Dtype.BF16, 16, KvSharing.SHARED_PROMPT,
        timeModels.memoryReserveFraction());
    RequestTiming one = RequestCostModel.estimate(spec, 512, 128, DecodingStrategy.GREEDY, deployment,
        timeModels.models().byName("roofline"), 16);
    // fleet-cost caps B by KV fit; 16 requests of 639 positions x 0.5 MiB fit 2 x 80 GB easily
    assertTrue(one.fitsInMemory() && one.maxBatch() >= 16, "the case must not hit the KV cap: " + one);
    CSVRecord row = SummaryFile.only(SummaryFile.read(out), "llama-2-7b");
    assertRelative(1000 * one.gpuSeconds() / 3600.0, Double.parseDouble(row.get("gpu_hours")), 1e-12, "gpu_hours");
    assertRelative(1000 * one.gpuSeconds() / 3600.0 * 1.99 * 1, Double.parseDouble(row.get("dollars")), 1e-12,
        "dollars ($1.99 per A100-80GB hour; gpuSeconds already counts both GPUs)");
    assertEquals(1000.0 * estimateJson("llama-2-7b", 512, 128).get("flops_total").asLong(),
        Double.parseDouble(row.get("flops_total")));
    JsonNode priced = estimateJson("llama-2-7b", 512, 128, "--gpu", "a100-80gb", "--tp", "2", "--batch", "16",
        "--time-model", "roofline");
    assertRelative(1000 * priced.get("gpu_seconds").asDouble() / 3600, Double.parseDouble(row.get("gpu_hours")), 1e-12,
        "gpu_hours = 1000 x estimate's gpu_seconds / 3600");
    assertRelative(1000 * priced.get("dollars").asDouble(), Double.parseDouble(row.get("dollars")), 1e-12,
        "dollars = 1000 x estimate's dollars");
  }

  @Test
  void flopsOfAMixedTraceAreTheSumOfEveryRowsKernelFlops() throws Exception {
    ModelSpec gpt2 = ModelCatalog.fromConfig(CONFIG).get("gpt2");
    Random random = new Random(42);
    List<Row> rows = new ArrayList<>();
    BigDecimal expected = BigDecimal.ZERO;
    for (int i = 0; i < 300; i++) {
      int prompt = 1 + random.nextInt(900);
      int output = 1 + random.nextInt(1025 - prompt); // P + M - 1 <= 1024 (gpt2's context): none rejected
      rows.add(HostileTraces.row("r" + i, (long) i, prompt, output, null));
      expected = expected.add(new BigDecimal(RequestFlops.of(gpt2, prompt, output, DecodingStrategy.GREEDY).totalFlops()));
    }
    Path trace = HostileTraces.write(dir.resolve("trace"), HostileTraces.CANONICAL, rows, 3);
    Path out = dir.resolve("out");
    assertEquals(0, FleetCli.fleetCost(trace.toString(), out.toString()).exitCode());
    CSVRecord row = SummaryFile.only(SummaryFile.read(out), "gpt2");
    assertEquals(300, Long.parseLong(row.get("requests")));
    assertEquals(0, Long.parseLong(row.get("rejected")));
    assertEquals(expected.doubleValue(), Double.parseDouble(row.get("flops_total")));
  }

  @Test
  void summaryIsByteIdenticalForOneOrSevenFilesAnyRowOrderAndReruns() throws Exception {
    Random random = new Random(7);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      int prompt = 1 + random.nextInt(2000);
      int output = 1 + random.nextInt(600);
      String model = switch (i % 4) {
        case 0 -> "gpt2";
        case 1 -> "llama-2-7b";
        case 2 -> null;
        default -> "not-in-scenario";
      };
      rows.add(HostileTraces.row("r" + i, (long) i * 10, prompt, output, model));
    }
    List<Row> shuffled = new ArrayList<>(rows);
    Collections.shuffle(shuffled, new Random(1));
    Path one = HostileTraces.write(dir.resolve("one"), HostileTraces.CANONICAL, rows, 1);
    Path seven = HostileTraces.write(dir.resolve("seven"), HostileTraces.CANONICAL, shuffled, 7);
    try (var files = Files.list(seven)) {
      assertEquals(7, files.filter(p -> p.getFileName().toString().endsWith(".parquet")).count());
    }
    String[] scenario = {"--models", "gpt2,llama-2-7b", "--strategies", "greedy,beam:4", "--deployments",
        "h100-sxm:1,a100-80gb:2", "--time-model", "roofline"};
    byte[] a = summaryOf(one, dir.resolve("a"), scenario);
    byte[] b = summaryOf(seven, dir.resolve("b"), scenario);
    byte[] again = summaryOf(one, dir.resolve("c"), scenario);
    assertTrue(new String(a).lines().count() == 9, "2 models x 2 strategies x 2 deployments + header");
    assertArrayEquals(a, b, "1 file vs 7 files in another order");
    assertArrayEquals(a, again, "rerun");
  }

  private static byte[] summaryOf(Path trace, Path out, String... scenario) throws Exception {
    List<String> args = new ArrayList<>(List.of("fleet-cost", trace.toString(), "--out", out.toString()));
    args.addAll(List.of(scenario));
    FleetCli r = FleetCli.run(args.toArray(String[]::new));
    assertEquals(0, r.exitCode(), r.err());
    return Files.readAllBytes(out.resolve("summary.csv"));
  }
}
