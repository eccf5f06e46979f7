package io.tokenfleet.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The scaling claim of docs/kernel.md on GPT-3 175B with P = 2048, M = 1024, greedy, by hand:
 * with a KV cache a request costs ~ 2N (P + M); without one every step re-runs its prefix, ~ 2N P M.
 *
 * <p>Constants (KaplanTableTest): 2N = 347,892,350,976; attention per query-key pair
 * 4 n_layer d_attn = 4 x 96 x 12288 = 4,718,592; one logit evaluation 2 x 12288 x 50257 = 1,235,116,032.
 */
class KvCacheScalingTest {
  private static final double TWO_N = 347_892_350_976.0;

  @Test
  void withACacheGpt3CostsAbout2NTimesPPlusM() {
    RequestFlops f = RequestFlops.of(ReferenceModels.gpt3(), 2048, 1024, DecodingStrategy.parse("greedy"));
    // Positions 1..3071 each fed once: linear 2N x 3071 = 1,068,377,409,847,296;
    // attention 4,718,592 x (3071 x 3072 / 2 = 4,717,056) = 22,257,862,705,152;
    // logits 1024 x 1,235,116,032 = 1,264,758,816,768. Total 1,091,900,031,369,216 (< 2^53: exact).
    assertEquals(1_091_900_031_369_216.0, f.totalFlops(), 0.0);
    double ratio = f.totalFlops() / (TWO_N * (2048 + 1024 - 1));
    // 1.0220: the attention (2.1%) and logit (0.1%) terms on top of 2N (P + M - 1).
    assertTrue(ratio > 1.02 && ratio < 1.023, "ratio " + ratio);
  }

  @Test
  void withoutACacheEachStepRerunsItsPrefixSoGpt3CostsAbout2NTimesPTimesM() {
    RequestFlops f = RequestFlops.of(ReferenceModels.gpt3(), 2048, 1024, DecodingStrategy.parse("greedy/no-cache"));
    // Prefill as with a cache: 2048 positions. Step j = 1..1023 re-runs positions 1..2048 + j:
    //   positions fed: 2048 + sum_j (2048 + j) = 2048 + 1023 x 2048 + 1023 x 1024 / 2
    //                = 2048 + 2,095,104 + 523,776 = 2,620,928
    //   linear 2N x 2,620,928 = 911,800,803,658,825,728
    //   keys: 2048 x 2049 / 2 + sum_{n=2049..3071} n (n+1) / 2 = 2,098,176 + (T(3071) - T(2048))
    //         with T(n) = n (n+1) (n+2) / 6: 4,831,837,696 - 1,433,753,600 = 3,398,084,096
    //         -> 3,400,182,272 keys; x 4,718,592 = 16,044,072,867,201,024
    //   logits 1024 x 1,235,116,032 = 1,264,758,816,768
    //   total 927,846,141,284,843,520 (> 2^53: 1e-12 relative)
    double expected = 927_846_141_284_843_520.0;
    assertEquals(expected, f.totalFlops(), expected * 1e-12);
    assertEquals(2_620_928.0, f.tokensFed(), 0.0);
    assertEquals(3_400_182_272.0, f.keysAttended(), 0.0);
    // ~ 2N P M (1 + M / 2P) = 1.25 x 2N P M; the attention terms add 2%: 1.2717.
    double ratio = f.totalFlops() / (TWO_N * 2048 * 1024);
    assertTrue(ratio > 1.27 && ratio < 1.273, "ratio " + ratio);
    // Against the cached request: ~ (P M + M^2 / 2) / (P + M) = 853x before attention: 849.75x.
    double cached = RequestFlops.of(ReferenceModels.gpt3(), 2048, 1024, DecodingStrategy.GREEDY).totalFlops();
    double slowdown = f.totalFlops() / cached;
    assertTrue(slowdown > 849 && slowdown < 851, "slowdown " + slowdown);
  }

  @Test
  void doublingMAboutDoublesCachedDecodeButMoreThanQuadruplesUncachedDecode() {
    // With a cache decode is ~ linear in M; without, at least quadratic once M >> P. Tiny prompt on GPT-2, M 1000 vs 2000.
    ModelSpec gpt2 = ReferenceModels.gpt2();
    double cached1 = RequestFlops.of(gpt2, 1, 1000, DecodingStrategy.GREEDY).decodeFlops();
    double cached2 = RequestFlops.of(gpt2, 1, 2000, DecodingStrategy.GREEDY).decodeFlops();
    double uncached1 = RequestFlops.of(gpt2, 1, 1000, DecodingStrategy.parse("greedy/no-cache")).decodeFlops();
    double uncached2 = RequestFlops.of(gpt2, 1, 2000, DecodingStrategy.parse("greedy/no-cache")).decodeFlops();
    // Cached: tokens fed grow 1999 / 999 = 2.001x (linear), keys sum_{t=2..M} t about 4x but the
    // attention is small next to 2N on GPT-2 at these lengths: a ratio just over 2.
    assertTrue(cached2 / cached1 > 2.0 && cached2 / cached1 < 2.2, "cached " + cached2 / cached1);
    // Uncached: tokens fed sum_{j=1..M-1} (1 + j) grow 2,000,999 / 500,499 = 3.998x (quadratic) and
    // the keys of the re-runs ~ M^3 / 6 about 8x (cubic): the ratio lies between 4 and 8.
    assertTrue(uncached2 / uncached1 > 4.0 && uncached2 / uncached1 < 8.0, "uncached " + uncached2 / uncached1);
  }
}
