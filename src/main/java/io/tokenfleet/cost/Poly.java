package io.tokenfleet.cost;

/**
 * c0 + c1 j + c2 j^2 of an integer step index j, with exact-in-form sums over ranges of j: what
 * turns a per-step summation into an O(1) closed form.
 */
record Poly(double c0, double c1, double c2) {

  static final Poly ZERO = new Poly(0, 0, 0);

  static Poly constant(double c) {
    return new Poly(c, 0, 0);
  }

  Poly plus(Poly o) {
    return new Poly(c0 + o.c0, c1 + o.c1, c2 + o.c2);
  }

  Poly minus(Poly o) {
    return new Poly(c0 - o.c0, c1 - o.c1, c2 - o.c2);
  }

  Poly times(double k) {
    return new Poly(c0 * k, c1 * k, c2 * k);
  }

  double at(double j) {
    return c0 + j * (c1 + j * c2);
  }

  /** sum_{j=a..b} of this polynomial; 0 when b < a. */
  double sum(long a, long b) {
    if (b < a) {
      return 0;
    }
    double n = (double) (b - a + 1);
    return c0 * n + c1 * sumJ(a, b) + c2 * sumJ2(a, b);
  }

  /** sum_{j=a..b} max(f(j), g(j)), split where f - g changes sign; 0 when b < a. */
  private static final double[] NO_ROOTS = new double[0];

  static double sumMax(Poly f, Poly g, long a, long b) {
    if (b < a) {
      return 0;
    }
    Poly h = f.minus(g);
    double[] roots = h.rootsIn(a, b);
    double total = 0;
    long start = a;
    for (int i = 0; i <= roots.length; i++) {
      long end = i < roots.length ? (long) Math.floor(roots[i]) : b;
      if (end >= start) {
        // The sign of h is constant on [start, end] away from its roots; decide at the middle.
        double mid = start + (end - start) / 2.0;
        total += h.at(mid) >= 0 ? f.sum(start, end) : g.sum(start, end);
        start = end + 1;
      }
    }
    return total;
  }

  /** Real roots strictly inside (a, b), ascending. */
  private double[] rootsIn(long a, long b) {
    double[] candidates;
    double scale = Math.abs(c0) + Math.abs(c1) * Math.abs((double) b) + Math.abs(c2) * (double) b * b;
    if (Math.abs(c2) * (double) b * b <= 1e-15 * scale) {
      candidates = c1 == 0 ? new double[0] : new double[] {-c0 / c1};
    } else {
      double disc = c1 * c1 - 4 * c2 * c0;
      if (disc < 0) {
        candidates = new double[0];
      } else {
        // Numerically stable pair (Numerical Recipes 5.6).
        double q = -0.5 * (c1 + Math.copySign(Math.sqrt(disc), c1));
        double r1 = q / c2;
        double r2 = q == 0 ? r1 : c0 / q;
        candidates = new double[] {Math.min(r1, r2), Math.max(r1, r2)};
      }
    }
    // Hot path (once per request and variant in fleet-cost): filter and order by hand, no streams.
    int kept = 0;
    double first = 0;
    double second = 0;
    for (double r : candidates) {
      if (r > a && r < b) {
        if (kept == 0) {
          first = r;
        } else {
          second = r;
        }
        kept++;
      }
    }
    if (kept == 0) {
      return NO_ROOTS;
    }
    if (kept == 1) {
      return new double[] {first};
    }
    return first <= second ? new double[] {first, second} : new double[] {second, first};
  }

  private static double sumJ(long a, long b) {
    return (tri(b) - tri(a - 1));
  }

  private static double sumJ2(long a, long b) {
    return sq(b) - sq(a - 1);
  }

  private static double tri(long n) {
    return (double) n * (n + 1) / 2.0;
  }

  private static double sq(long n) {
    return (double) n * (n + 1) * (2.0 * n + 1) / 6.0;
  }
}
