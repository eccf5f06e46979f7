package io.tokenfleet.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenfleet.TestSpark;
import io.tokenfleet.hostile.FleetCli;
import io.tokenfleet.hostile.HostileTraces;
import io.tokenfleet.hostile.SummaryFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * fleet-cost --detail: one Parquet row per accepted (request, variant), partitioned by model, with
 * values checked against GPT-2 FLOPs worked out by hand from docs/kernel.md and the flops time
 * model's closed form.
 */
class FleetCostDetailTest {
  // GPT-2 small: 12 layers, d_model 768, d_attn 768 (12 x 64), d_ff 3072 (GELU), vocab 50,257.
  // 2N = 2 x 12 x (4 x 768^2 + 2 x 768 x 3072) = 169,869,312 FLOPs per token fed;
  // A = 4 x 12 x 768 = 36,864 per key attended; V = 2 x 768 x 50,257 = 77,194,752 per logit evaluation.
  // P = 100, M = 20. Prefill: 100 tokens, S(100) = 5,050 keys, 1 logit:
  //   169,869,312 x 100 + 36,864 x 5,050 + 77,194,752 = 17,250,289,152
  private static final double PREFILL_FLOPS = 17_250_289_152.0;
  // greedy decode: 19 tokens fed at positions 101..119 (2,090 keys), 19 logits:
  //   169,869,312 x 19 + 36,864 x 2,090 + 77,194,752 x 19 = 4,771,262,976
  private static final double GREEDY_DECODE_FLOPS = 4_771_262_976.0;
  // beam:2 (prompt shared, prefilled once): twice the greedy decode
  private static final double BEAM2_DECODE_FLOPS = 2 * GREEDY_DECODE_FLOPS;
  // flops time model on one H100 SXM: 989.4e12 FLOP/s dense BF16 x mfu 0.5; $3.24 per GPU-hour (reference.conf)
  private static final double FLOP_PER_S = 989.4e12 * 0.5;
  private static final double DOLLARS_PER_GPU_HOUR = 3.24;
  private static final int BATCH = 8;
  // KV per position: 2 (K, V) x 12 layers x 12 heads x 64 x 2 bytes (bf16) = 36,864 bytes
  private static final double KV_BYTES_PER_POSITION = 36_864;

  @TempDir
  Path dir;

  @Test
  void detailHasOneRowPerAcceptedRequestAndVariantWithHandComputedCosts() throws Exception {
    List<Row> rows = new ArrayList<>();
    rows.add(HostileTraces.row("a1", 5L, 100, 20, "gpt2"));
    rows.add(HostileTraces.row("a2", 6L, 100, 20, "gpt2"));
    rows.add(HostileTraces.row("b", 7L, 100, 20, null));            // routed to both models
    rows.add(HostileTraces.row("c", 8L, 512, 128, "llama-2-7b"));
    rows.add(HostileTraces.row("d", 9L, 1000, 100, "gpt2"));        // 1,099 positions > gpt2's 1,024: rejected
    rows.add(HostileTraces.row("e", 10L, 10, 10, "gpt-4"));         // not in the scenario: rejected
    Path trace = HostileTraces.write(dir.resolve("trace"), HostileTraces.CANONICAL, rows, 2);
    Path out = dir.resolve("out");
    FleetCli r = FleetCli.run("fleet-cost", trace.toString(), "--out", out.toString(), "--models", "gpt2,llama-2-7b",
        "--strategies", "greedy,beam:2", "--deployments", "h100-sxm:1", "--time-model", "flops", "--batch",
        Integer.toString(BATCH), "--detail");
    assertEquals(0, r.exitCode(), r.err());

    try (Stream<Path> partitions = Files.list(out.resolve("detail"))) {
      assertEquals(List.of("model=gpt2", "model=llama-2-7b"), partitions.filter(Files::isDirectory)
          .map(p -> p.getFileName().toString()).sorted().toList());
    }
    List<Row> detail = TestSpark.session().read().parquet(out.resolve("detail").toString())
        .orderBy("model", "request_id", "strategy").collectAsList();
    // accepted: gpt2 a1, a2, b; llama-2-7b b, c; each under 2 variants (greedy, beam:2 on h100-sxm:1)
    assertEquals((3 + 2) * 2, detail.size());
    assertEquals(List.of("gpt2/a1", "gpt2/a1", "gpt2/a2", "gpt2/a2", "gpt2/b", "gpt2/b", "llama-2-7b/b", "llama-2-7b/b",
        "llama-2-7b/c", "llama-2-7b/c"), detail.stream().map(x -> x.getAs("model") + "/" + x.getAs("request_id")).toList());

    Row beam = detail.get(0);
    Row greedy = detail.get(1);
    assertEquals("beam:2", beam.getAs("strategy"));
    assertEquals("greedy", greedy.getAs("strategy"));
    for (Row x : List.of(beam, greedy)) {
      assertEquals(5L, (long) x.getAs("arrival_time_ms"));
      assertEquals(true, x.getAs("kv_cache"));
      assertEquals("h100-sxm", x.getAs("gpu"));
      assertEquals(1, (int) x.getAs("tp"));
      assertEquals(100, (int) x.getAs("prompt_tokens"));
      assertEquals(20, (int) x.getAs("output_tokens"));
      assertEquals(PREFILL_FLOPS, (double) x.getAs("flops_prefill"));
    }
    assertEquals(GREEDY_DECODE_FLOPS, (double) greedy.getAs("flops_decode"));
    assertEquals(22_021_552_128.0, (double) greedy.getAs("flops_total"));
    assertEquals(BEAM2_DECODE_FLOPS, (double) beam.getAs("flops_decode"));
    assertEquals(26_792_815_104.0, (double) beam.getAs("flops_total"));

    // flops model: a step of the batch takes its FLOPs / (peak x mfu); the request's share is 1/B of
    // B requests' steps, so gpu_seconds = its FLOPs / (peak x mfu); ttft and e2e are the batch's B x.
    double greedySeconds = 22_021_552_128.0 / FLOP_PER_S; // 44.5 us
    assertRelative(greedySeconds, greedy.getAs("gpu_seconds"), "greedy gpu_seconds");
    assertRelative(greedySeconds / 3600 * DOLLARS_PER_GPU_HOUR, greedy.getAs("dollars"), "greedy dollars");
    assertRelative(BATCH * PREFILL_FLOPS / FLOP_PER_S, greedy.getAs("ttft_s"), "greedy ttft_s");
    assertRelative(BATCH * greedySeconds, greedy.getAs("e2e_s"), "greedy e2e_s");
    assertRelative(26_792_815_104.0 / FLOP_PER_S, beam.getAs("gpu_seconds"), "beam:2 gpu_seconds");
    assertRelative(BATCH * 26_792_815_104.0 / FLOP_PER_S, beam.getAs("e2e_s"), "beam:2 e2e_s");
    // peak KV: greedy holds P + M - 1 = 119 positions; beam:2 the shared prompt once plus 19 own per beam = 138
    assertEquals(119 * KV_BYTES_PER_POSITION, (double) greedy.getAs("kv_peak_bytes"));
    assertEquals(138 * KV_BYTES_PER_POSITION, (double) beam.getAs("kv_peak_bytes"));

    // the detail adds up to the summary, per variant (METRICS.md: sum(gpu_seconds) / 3600 = gpu_hours)
    List<CSVRecord> summary = SummaryFile.read(out);
    for (CSVRecord s : summary) {
      List<Row> of = detail.stream().filter(x -> x.getAs("model").equals(s.get("model"))
          && x.getAs("strategy").equals(s.get("strategy"))).toList();
      assertEquals(Long.parseLong(s.get("requests")), of.size(), s.get("model") + " " + s.get("strategy"));
      double gpuSeconds = of.stream().mapToDouble(x -> x.getAs("gpu_seconds")).sum();
      assertRelative(gpuSeconds / 3600, Double.parseDouble(s.get("gpu_hours")), "gpu_hours of " + s.get("model"));
      double dollars = of.stream().mapToDouble(x -> x.getAs("dollars")).sum();
      assertRelative(dollars, Double.parseDouble(s.get("dollars")), "dollars of " + s.get("model"));
    }
    assertEquals(3, Long.parseLong(SummaryFile.only(summary.stream().filter(s -> s.get("strategy").equals("greedy")).toList(),
        "gpt2").get("requests")));
  }

  private static void assertRelative(double expected, Object actual, String what) {
    double a = (Double) actual;
    assertTrue(Math.abs(a - expected) <= 1e-12 * Math.abs(expected), what + ": expected " + expected + ", got " + a);
  }
}
