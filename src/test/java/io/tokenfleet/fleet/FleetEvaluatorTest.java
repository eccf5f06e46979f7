package io.tokenfleet.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FleetEvaluatorTest {

  /** A coster whose figures are simple enough to sum by hand. */
  private static final VariantCoster LINEAR = (p, m) ->
      new RequestCost(2.0 * p, 3.0 * m, p * 1e-3, m * 1e-2, p * 1e-3, p * 1e-3 + m * 1e-2, (p + m) * 100.0);

  private static FleetEvaluator evaluator() {
    return new FleetEvaluator(List.of(
        new ModelVariants("small", 100, false, List.of(
            new Variant("greedy", true, "gpu-a", 1, 3600.0, LINEAR),
            new Variant("beam:2", false, "gpu-a", 1, 3600.0, (p, m) -> LINEAR.cost(p, 2 * m)))),
        new ModelVariants("big", 10_000, false, List.of(new Variant("greedy", true, "gpu-b", 2, 7200.0, LINEAR)))));
  }

  record Row(String model, Long prompt, Long output) {}

  private static FleetAggregate run(FleetEvaluator evaluator, List<Row> rows, int partitions) {
    FleetAggregate total = evaluator.newAggregate();
    for (int part = 0; part < partitions; part++) {
      FleetEvaluator.Partition partition = evaluator.newPartition();
      for (int i = part; i < rows.size(); i += partitions) {
        Row r = rows.get(i);
        partition.accept(evaluator.modelIndex(r.model()), r.prompt() == null, r.prompt() == null ? 0 : r.prompt(),
            r.output() == null, r.output() == null ? 0 : r.output());
      }
      total.merge(partition.finish());
    }
    return total;
  }

  @Test
  void routesRejectsAndSumsByHand() {
    FleetEvaluator evaluator = evaluator();
    List<Row> rows = List.of(
        new Row(null, 10L, 5L),        // both models accept
        new Row(null, 90L, 20L),       // small: beyond context (90 + 20 - 1 = 109 positions > 100); big accepts
        new Row("big", 1000L, 100L),   // big only
        new Row("small", 0L, 5L),      // small: non-positive
        new Row("nope", 10L, 10L),     // unknown model
        new Row(null, null, 3L),       // both: missing tokens
        new Row("small", 3_000_000_000L, 1L)); // too large
    FleetAggregate agg = run(evaluator, rows, 1);
    assertEquals(7, agg.inputRows());
    assertEquals(1, agg.unknownModelRows());
    // small: routed rows 1,2,4,6,7 = 5; accepted 1 (row 1); rejected 4
    assertEquals(5, agg.routedRows(0));
    assertEquals(4, agg.rejectedRows(0));
    assertEquals(1, agg.rejectedRows(0, RejectReason.BEYOND_CONTEXT));
    assertEquals(1, agg.rejectedRows(0, RejectReason.NON_POSITIVE_TOKENS));
    assertEquals(1, agg.rejectedRows(0, RejectReason.MISSING_TOKENS));
    assertEquals(1, agg.rejectedRows(0, RejectReason.TOKENS_TOO_LARGE));
    // big: routed rows 1,2,3,6 = 4; accepted 3; rejected 1 (missing)
    assertEquals(4, agg.routedRows(1));
    assertEquals(1, agg.rejectedRows(1));

    List<SummaryRow> summary = evaluator.summaryRows(agg);
    assertEquals(3, summary.size());
    SummaryRow smallGreedy = summary.get(0);
    assertEquals(1, smallGreedy.requests());
    assertEquals(10, smallGreedy.promptTokens());
    assertEquals(20.0, smallGreedy.flopsPrefill()); // 2 x 10
    assertEquals(15.0, smallGreedy.flopsDecode()); // 3 x 5
    // gpu seconds 10e-3 + 5e-2 = 0.06 s at $3600/h = $1 per second -> $0.06
    assertEquals(0.06, smallGreedy.dollars(), 1e-15);
    assertEquals(4, smallGreedy.rejected());
    SummaryRow big = summary.get(2);
    assertEquals(3, big.requests());
    assertEquals(10 + 90 + 1000, big.promptTokens());
    assertEquals(5 + 20 + 100, big.outputTokens());
    // prefill seconds 1.1, decode seconds 1.25 -> 2.35 GPU-s at $2/s = $4.70
    assertEquals(4.70, big.dollars(), 1e-12);
    // $/1M input = 1.1 s x $2 / 1100 tokens x 1e6 = $2000
    assertEquals(2000.0, big.dollarsPerMInputTokens(), 1e-9);
    for (int m = 0; m < 2; m++) {
      assertEquals(agg.routedRows(m), agg.accumulator(m, 0).requests() + agg.rejectedRows(m));
    }
  }

  @Test
  void resultDoesNotDependOnPartitioningOrOrder() {
    Random random = new Random(3);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      String model = switch (random.nextInt(4)) {
        case 0 -> "small";
        case 1 -> "big";
        case 2 -> "other";
        default -> null;
      };
      rows.add(new Row(model, (long) random.nextInt(120) - 5, (long) random.nextInt(60) + 1));
    }
    FleetEvaluator evaluator = evaluator();
    List<SummaryRow> one = evaluator.summaryRows(run(evaluator, rows, 1));
    List<Row> shuffled = new ArrayList<>(rows);
    Collections.shuffle(shuffled, new Random(9));
    List<SummaryRow> many = evaluator.summaryRows(run(evaluator, shuffled, 13));
    assertEquals(one, many);
  }

  /**
   * The production coster picks tables or closed forms, dense or sorted counting, by shape and
   * partition size; none of that may show in the totals. One partition of 150,000 rows (dense
   * counting) against 2 (dense) and 7 (sorted only), with requests past the tables and requests
   * whose KV caps the batch, compared to the last bit.
   */
  @Test
  void resultDoesNotDependOnPartitioningWithTheProductionCoster() {
    io.tokenfleet.cost.PreparedDeployment prepared = io.tokenfleet.cost.PreparedDeployment.of(
        io.tokenfleet.cost.Deployment.of(io.tokenfleet.cost.TestSpecs.llama2_70b(), io.tokenfleet.cost.TestSpecs.a100_80gb(),
            4, 256), io.tokenfleet.cost.TestSpecs.fittedRoofline());
    List<Variant> variants = new ArrayList<>();
    for (String strategy : new String[] {"greedy", "beam:4/no-cache"}) {
      io.tokenfleet.kernel.DecodingStrategy s = io.tokenfleet.kernel.DecodingStrategy.parse(strategy);
      variants.add(new Variant(s.family(), s.kvCache(), "a100-80gb", 4, 8.0, new CostModelCoster(s, prepared, 256)));
    }
    FleetEvaluator evaluator = new FleetEvaluator(List.of(new ModelVariants("llama-2-70b", 4096, true, variants)));
    Random random = new Random(17);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 150_000; i++) {
      long p = i % 5_000 == 0 ? 260_000 + random.nextInt(20_000) : i % 50 == 0 ? 1 + random.nextInt(20_000)
          : 1 + (long) (Math.exp(random.nextGaussian()) * 300);
      long m = i % 50 == 0 ? 1 + random.nextInt(5_000) : 1 + (long) (Math.exp(random.nextGaussian()) * 100);
      rows.add(new Row(null, p, m));
    }
    FleetAggregate whole = run(evaluator, rows, 1);
    assertEquals(150_000, whole.accumulator(0, 0).requests());
    for (int partitions : new int[] {2, 7}) {
      FleetAggregate split = run(evaluator, rows, partitions);
      assertEquals(evaluator.summaryRows(whole), evaluator.summaryRows(split), partitions + " partitions");
      assertEquals(evaluator.costDistributions(whole), evaluator.costDistributions(split), partitions + " partitions");
    }
  }

  @Test
  void thousandCopiesAreThousandTimesOne() {
    FleetEvaluator evaluator = evaluator();
    List<Row> rows = new ArrayList<>(Collections.nCopies(1000, new Row("big", 777L, 33L)));
    SummaryRow row = evaluator.summaryRows(run(evaluator, rows, 4)).get(2);
    RequestCost one = LINEAR.cost(777, 33);
    assertEquals(1000 * one.prefillFlops(), row.flopsPrefill());
    assertEquals(1000 * one.decodeFlops(), row.flopsDecode());
    assertEquals(one.ttftSeconds(), row.ttftP99S());
    assertEquals(one.e2eSeconds(), row.e2eP50S());
    assertNull(evaluator.rejectReason(1, false, 777, false, 33));
  }

  /** A coster that counts its calls and declares an identity, like beam:k and parallel:k do. */
  private record CountingCoster(String identity, java.util.concurrent.atomic.AtomicLong calls) implements VariantCoster {
    @Override
    public RequestCost cost(int promptTokens, int outputTokens) {
      calls.incrementAndGet();
      return LINEAR.cost(promptTokens, outputTokens);
    }

    @Override
    public Object costIdentity() {
      return identity;
    }
  }

  @Test
  void variantsWithTheSameCostIdentityAreCostedOnceAndSummedAlike() {
    var calls = new java.util.concurrent.atomic.AtomicLong();
    CountingCoster beam = new CountingCoster("width 4", calls);
    CountingCoster parallel = new CountingCoster("width 4", calls);
    FleetEvaluator grouped = new FleetEvaluator(List.of(new ModelVariants("m", 10_000, false, List.of(
        new Variant("beam:4", true, "gpu", 1, 3600.0, beam),
        new Variant("parallel:4", true, "gpu", 1, 3600.0, parallel),
        new Variant("greedy", true, "gpu", 1, 3600.0, LINEAR)))));
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      rows.add(new Row(null, (long) (1 + i % 50), (long) (1 + i % 7))); // lcm(50, 7) = 350 > 300: 300 distinct shapes
    }
    List<SummaryRow> summary = grouped.summaryRows(run(grouped, rows, 3));
    // 300 shapes spread over 3 partitions, each costed once for the pair, not twice.
    assertEquals(300, calls.get());
    SummaryRow b = summary.get(0);
    SummaryRow p = summary.get(1);
    SummaryRow g = summary.get(2);
    assertEquals(300, b.requests());
    assertEquals(300, p.requests());
    // By hand: prefill FLOPs 2 x sum of prompts = 2 x 6 x (1 + ... + 50) = 15,300; the same for every variant here.
    assertEquals(15_300.0, b.flopsPrefill());
    assertEquals(b.flopsPrefill(), p.flopsPrefill());
    assertEquals(b.dollars(), p.dollars());
    assertEquals(b.e2eP99S(), p.e2eP99S());
    assertEquals(g.flopsDecode(), p.flopsDecode());
    assertEquals("parallel:4", p.strategy());
  }
}
