package io.tokenfleet.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** sum of max(f, g) over integer ranges against a plain loop, including double crossings. */
class PolyTest {

  private static double brute(Poly f, Poly g, long a, long b) {
    double s = 0;
    for (long j = a; j <= b; j++) {
      s += Math.max(f.at(j), g.at(j));
    }
    return s;
  }

  @Test
  void sumMaxMatchesTheLoop() {
    Poly[][] cases = {
        {new Poly(10, 1, 0), new Poly(0, 2, 0)},          // one crossing at j = 10
        {new Poly(100, 0, 0), new Poly(0, 0, 1)},         // crossing at j = 10 (quadratic)
        {new Poly(50, 0, 0), new Poly(30, -12, 1)},       // parabola above, below, above 50
        {new Poly(1, 0, 0), new Poly(1, 0, 0)},           // equal everywhere
        {new Poly(5, 0.5, 0), new Poly(4, 0.5, 0)},       // parallel, never cross
    };
    for (Poly[] c : cases) {
      for (long[] range : new long[][] {{1, 1}, {1, 40}, {3, 17}, {11, 11}, {1, 1000}}) {
        double expected = brute(c[0], c[1], range[0], range[1]);
        assertEquals(expected, Poly.sumMax(c[0], c[1], range[0], range[1]), 1e-9 * Math.abs(expected));
      }
    }
    assertEquals(0, Poly.sumMax(new Poly(1, 0, 0), Poly.ZERO, 5, 4));
  }
}
