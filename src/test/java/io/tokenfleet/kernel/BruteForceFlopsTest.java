package io.tokenfleet.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * RequestFlops and RequestBytes (closed forms) against a brute-force walk of the spec
 * ({@link BruteForceCounter}, {@link KvCacheSimulator}): equal to the last digit below 2^53,
 * within 1e-12 relative above.
 */
class BruteForceFlopsTest {
  private static final double TWO_POW_53 = 9_007_199_254_740_992.0;
  private static final double MAX_RELATIVE_ERROR = 1e-12;

  /** llama-3.1-405b (Meta's config.json): the largest dense model the spec names. */
  static ModelSpec llama31_405b() {
    return new ModelSpec("llama-3.1-405b", 126, 16384, 128, 8, 128, 53248, FfnKind.GATED, 128256, 131072, 0,
        PositionEmbedding.ROTARY, false, LinearBiases.NONE, NormKind.RMS_NORM, 2, true, false, null);
  }

  /** deepseek-v3-like MoE (REFERENCE.md; attention simplified to GQA, which the kernel models). */
  static ModelSpec deepseekLikeMoe() {
    return new ModelSpec("deepseek-v3-like", 61, 7168, 128, 128, 128, 18432, FfnKind.GATED, 129280, 163840, 0,
        PositionEmbedding.ROTARY, false, LinearBiases.NONE, NormKind.RMS_NORM, 2, true, false,
        new MoeSpec(256, 8, 1, 2048, 3));
  }

  @Test
  void closedFormsEqualTheTokenByTokenWalkOnThousandsOfRandomSmallRequests() {
    Random random = new Random(20240601L);
    int cases = 4000;
    int withoutCache = 0;
    int withWindow = 0;
    int moe = 0;
    int singleOutput = 0;
    for (int i = 0; i < cases; i++) {
      ModelSpec m = RandomModels.model(random, i);
      DecodingStrategy strategy = RandomModels.strategy(random);
      long p = 1 + random.nextInt(40);
      long outputs = random.nextInt(5) == 0 ? 1 : 1 + random.nextInt(16);
      String where = m + " P=" + p + " M=" + outputs + " " + strategy;

      BruteForceCounter.Tally exact = BruteForceCounter.walk(m, p, outputs, strategy);
      RequestFlops closed = RequestFlops.of(m, p, outputs, strategy);

      assertTrue(exact.totalFlops() < TWO_POW_53, "small cases must stay in the exact range: " + where);
      assertEquals((double) exact.prefillFlops(), closed.prefillFlops(), 0.0, "prefill " + where);
      assertEquals((double) exact.decodeFlops(), closed.decodeFlops(), 0.0, "decode " + where);
      assertEquals((double) exact.totalFlops(), closed.totalFlops(), 0.0, "total " + where);
      assertEquals((double) exact.tokensFed(), closed.tokensFed(), 0.0, "tokens fed " + where);
      assertEquals((double) exact.keysAttended(), closed.keysAttended(), 0.0, "keys " + where);
      assertEquals((double) exact.logitEvaluations(), closed.logitEvaluations(), 0.0, "logits " + where);

      withoutCache += strategy.kvCache() ? 0 : 1;
      withWindow += m.slidingWindowTokens() > 0 ? 1 : 0;
      moe += m.isMoe() ? 1 : 0;
      singleOutput += outputs == 1 ? 1 : 0;
    }
    // The random mix really covers each branch of the spec.
    assertTrue(withoutCache > cases / 4, "no-cache cases: " + withoutCache);
    assertTrue(withWindow > cases / 4, "sliding-window cases: " + withWindow);
    assertTrue(moe > cases / 5, "MoE cases: " + moe);
    assertTrue(singleOutput > cases / 10, "M = 1 cases: " + singleOutput);
  }

  @Test
  void prefillIsTheSameWithAndWithoutCacheAndForEveryWidth() {
    Random random = new Random(7L);
    for (int i = 0; i < 200; i++) {
      ModelSpec m = RandomModels.model(random, i);
      long p = 1 + random.nextInt(50);
      long outputs = 1 + random.nextInt(10);
      double greedy = RequestFlops.of(m, p, outputs, DecodingStrategy.parse("greedy")).prefillFlops();
      // Prefill = P tokens and one logit evaluation, by the walk.
      BruteForceCounter.Tally onlyPrefill = BruteForceCounter.walk(m, p, 1, DecodingStrategy.GREEDY);
      assertEquals((double) onlyPrefill.prefillFlops(), greedy, 0.0);
      for (String s : List.of("greedy/no-cache", "beam:4", "beam:4/no-cache", "parallel:8", "parallel:8/no-cache")) {
        assertEquals(greedy, RequestFlops.of(m, p, outputs, DecodingStrategy.parse(s)).prefillFlops(), 0.0, s);
      }
    }
  }

  @Test
  void stepWalkOnMediumRequestsIsExactBelow2Pow53AndWithin1eMinus12Above() {
    // Real-sized models and prompts up to 200k: the token-by-token walk would be too slow, so the
    // exact reference loops over decode steps (BigInteger) and sums each pass's keys as a series.
    Random random = new Random(42L);
    List<ModelSpec> models = List.of(llama31_405b(), ReferenceModels.mistral7b(), deepseekLikeMoe(), ReferenceModels.gpt2(),
        ReferenceModels.llama2_7b(), ReferenceModels.mixtral8x7b());
    int exactChecks = 0;
    int relativeChecks = 0;
    for (int i = 0; i < 240; i++) {
      ModelSpec m = models.get(i % models.size());
      DecodingStrategy strategy = RandomModels.strategy(random);
      long p = 1 + random.nextInt(random.nextBoolean() ? 300 : 200_000);
      long outputs = 1 + random.nextInt(random.nextBoolean() ? 20 : 2_000);
      BigInteger[] exact = BruteForceCounter.stepWalk(m, p, outputs, strategy);
      RequestFlops closed = RequestFlops.of(m, p, outputs, strategy);
      String where = m.name() + " P=" + p + " M=" + outputs + " " + strategy;
      for (int part = 0; part < 3; part++) {
        BigInteger e = part == 0 ? exact[0] : part == 1 ? exact[1] : exact[0].add(exact[1]);
        double c = part == 0 ? closed.prefillFlops() : part == 1 ? closed.decodeFlops() : closed.totalFlops();
        if (e.compareTo(BigInteger.ONE.shiftLeft(53)) < 0) {
          assertEquals(e.doubleValue(), c, 0.0, "part " + part + " " + where);
          exactChecks++;
        } else {
          assertWithinRelative(e, c, "part " + part + " " + where);
          relativeChecks++;
        }
      }
    }
    assertTrue(exactChecks > 50 && relativeChecks > 50, exactChecks + " exact, " + relativeChecks + " relative");
  }

  @Test
  void llama405bWith128kPromptAnd10kOutputDoesNotOverflow() {
    ModelSpec m = llama31_405b();
    for (String s : List.of("greedy", "greedy/no-cache", "beam:4", "beam:4/no-cache", "parallel:8",
        "parallel:8/no-cache")) {
      DecodingStrategy strategy = DecodingStrategy.parse(s);
      BigInteger[] exact = BruteForceCounter.stepWalk(m, 131_072, 10_000, strategy);
      RequestFlops closed = RequestFlops.of(m, 131_072, 10_000, strategy);
      assertWithinRelative(exact[0], closed.prefillFlops(), "prefill " + s);
      assertWithinRelative(exact[1], closed.decodeFlops(), "decode " + s);
      assertWithinRelative(exact[0].add(exact[1]), closed.totalFlops(), "total " + s);
    }
    // Order of magnitude by hand: 2N ~ 2 x 4.05e11 per token, 141,071 tokens ~ 1.1e17 with a cache.
    double greedy = RequestFlops.of(m, 131_072, 10_000, DecodingStrategy.GREEDY).totalFlops();
    assertTrue(greedy > 1e17 && greedy < 3e17, "greedy total " + greedy);
  }

  @Test
  void positionsBeyondALongsCubicSumFallBackToExactBigIntegerArithmetic() {
    // T(n) = n(n+1)(n+2)/6 exceeds 2^63 from n ~ 3.8 million; a 4M-token re-run and a 1e12-token
    // windowed prompt take TokenSums' BigInteger path. The references must agree.
    record Case(ModelSpec model, long p, long m, String strategy) {}
    for (Case c : List.of(new Case(llama31_405b(), 4_000_000, 2_000, "beam:4/no-cache"),
        new Case(llama31_405b(), 3_900_000, 1, "greedy"),
        new Case(ReferenceModels.mistral7b(), 1_000_000_000_000L, 1_000, "parallel:3/no-cache"),
        new Case(ReferenceModels.mistral7b(), 1_000_000_000_000L, 1_000, "beam:2"))) {
      DecodingStrategy strategy = DecodingStrategy.parse(c.strategy());
      BigInteger[] exact = BruteForceCounter.stepWalk(c.model(), c.p(), c.m(), strategy);
      RequestFlops closed = RequestFlops.of(c.model(), c.p(), c.m(), strategy);
      String where = c.toString();
      assertWithinRelative(exact[0], closed.prefillFlops(), "prefill " + where);
      assertWithinRelative(exact[1], closed.decodeFlops(), "decode " + where);
      assertWithinRelative(exact[0].add(exact[1]), closed.totalFlops(), "total " + where);
    }
  }

  @Test
  void lengthsWhoseLastPositionOverflowsALongAreRejectedNotWrapped() {
    ModelSpec m = ReferenceModels.mistral7b();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RequestFlops.of(m, Long.MAX_VALUE, 3, DecodingStrategy.GREEDY));
    assertTrue(e.getMessage().contains("promptTokens=" + Long.MAX_VALUE), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> RequestBytes.of(m, Long.MAX_VALUE - 1, 3,
        DecodingStrategy.GREEDY, KvSharing.SHARED_PROMPT, Dtype.BF16, Dtype.BF16));
    assertEquals("promptTokens must be >= 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> RequestFlops.of(m, 0, 3, DecodingStrategy.GREEDY))
            .getMessage());
    assertEquals("outputTokens must be >= 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> RequestFlops.of(m, 3, 0, DecodingStrategy.GREEDY))
            .getMessage());
  }

  @Test
  void kvPeakAndKvReadBytesEqualASimulatedCache() {
    Random random = new Random(99L);
    Dtype[] dtypes = Dtype.values();
    int shrunkByWindow = 0;
    for (int i = 0; i < 3000; i++) {
      ModelSpec m = RandomModels.model(random, i);
      DecodingStrategy strategy = RandomModels.strategy(random);
      KvSharing sharing = random.nextBoolean() ? KvSharing.SHARED_PROMPT : KvSharing.COPIED;
      Dtype kvDtype = dtypes[random.nextInt(dtypes.length)];
      long p = 1 + random.nextInt(30);
      long outputs = random.nextInt(5) == 0 ? 1 : 1 + random.nextInt(20);
      String where = m + " P=" + p + " M=" + outputs + " " + strategy + " " + sharing;

      KvCacheSimulator.Result sim = KvCacheSimulator.simulate(m, p, outputs, strategy, sharing);
      // 2 (K and V) x layers x kv heads x head_dim elements per position.
      double bytesPerPosition = 2.0 * m.layers() * m.kvHeads() * m.headDim() * kvDtype.bytesPerElement();
      RequestBytes bytes = RequestBytes.of(m, p, outputs, strategy, sharing, Dtype.BF16, kvDtype);

      assertEquals(bytesPerPosition, bytes.kvBytesPerToken(), 0.0, where);
      assertEquals((double) sim.peakEntries(), RequestBytes.kvPeakTokens(m, p, outputs, strategy, sharing), 0.0,
          "peak " + where);
      assertEquals((double) sim.peakEntries(), bytes.kvPeakTokens(), 0.0, "peak " + where);
      assertEquals(sim.peakEntries() * bytesPerPosition, bytes.kvPeakBytes(), 0.0, "peak bytes " + where);
      assertEquals(sim.entriesReadByDecode() * bytesPerPosition, bytes.kvReadBytesDecode(), 0.0, "read " + where);
      if (m.slidingWindowTokens() > 0 && m.slidingWindowTokens() < p + outputs - 1) {
        shrunkByWindow++;
      }
    }
    assertTrue(shrunkByWindow > 300, "cases where the window evicts: " + shrunkByWindow);
  }

  private static void assertWithinRelative(BigInteger exact, double closed, String where) {
    assertTrue(Double.isFinite(closed), "not finite: " + closed + " " + where);
    if (exact.signum() == 0) {
      assertEquals(0.0, closed, 0.0, where);
      return;
    }
    BigDecimal e = new BigDecimal(exact);
    double relative = new BigDecimal(closed).subtract(e).abs().divide(e, MathContext.DECIMAL64).doubleValue();
    assertTrue(relative <= MAX_RELATIVE_ERROR, "relative error " + relative + " (exact " + exact + ", closed "
        + closed + ") " + where);
  }
}
