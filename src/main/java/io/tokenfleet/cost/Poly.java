package io.tokenfleet.cost;

/**
 * c0 + c1 j + c2 j^2 of an integer step index j, with exact-in-form sums over ranges of j: what
 * turns a per-step summation into an O(1) closed form.
 */
record Poly(double c0, double c1, double c2) {

  static final Poly ZERO = new Poly(0, 0, 0);

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

  /**
   * sum_{j=a..b} max(f(j), g(j)), split where f - g changes sign; 0 when b < a. Allocation-free:
   * it runs once per request shape and variant in fleet-cost's hot path.
   */
  static double sumMax(Poly f, Poly g, long a, long b) {
    if (b < a) {
      return 0;
    }
    double h0 = f.c0 - g.c0;
    double h1 = f.c1 - g.c1;
    double h2 = f.c2 - g.c2;
    // Real roots of h strictly inside (a, b), ascending; NaN when absent.
    double r1 = Double.NaN;
    double r2 = Double.NaN;
    double scale = Math.abs(h0) + Math.abs(h1) * Math.abs((double) b) + Math.abs(h2) * (double) b * b;
    if (Math.abs(h2) * (double) b * b <= 1e-15 * scale) {
      if (h1 != 0) {
        r1 = -h0 / h1;
      }
    } else {
      double disc = h1 * h1 - 4 * h2 * h0;
      if (disc >= 0) {
        // Numerically stable pair (Numerical Recipes 5.6).
        double q = -0.5 * (h1 + Math.copySign(Math.sqrt(disc), h1));
        double x1 = q / h2;
        double x2 = q == 0 ? x1 : h0 / q;
        r1 = Math.min(x1, x2);
        r2 = Math.max(x1, x2);
      }
    }
    if (!(r1 > a && r1 < b)) { // NaN fails the test too
      r1 = r2;
      r2 = Double.NaN;
    }
    if (!(r1 > a && r1 < b)) {
      r1 = Double.NaN;
    }
    if (!(r2 > a && r2 < b)) {
      r2 = Double.NaN;
    }
    double total = 0;
    long start = a;
    for (int i = 0; i < 3 && start <= b; i++) {
      double root = i == 0 ? r1 : i == 1 ? r2 : Double.NaN;
      long end = Double.isNaN(root) ? b : (long) Math.floor(root);
      if (end >= start) {
        // The sign of h is constant on [start, end] away from its roots; decide at the middle.
        double mid = start + (end - start) / 2.0;
        double hMid = h0 + mid * (h1 + mid * h2);
        total += hMid >= 0 ? f.sum(start, end) : g.sum(start, end);
        start = end + 1;
      }
      if (Double.isNaN(root)) {
        break;
      }
    }
    return total;
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
