package io.tokenfleet.kernel;

import java.math.BigInteger;

/**
 * Closed-form sums over token positions, exact in 64-bit integers and falling back to BigInteger
 * only when a sum would overflow a long (positions beyond ~3.8 million); the result is returned
 * as a double, rounded once.
 *
 * <p>With window W (0 = none), a token at 1-based position t attends to k(t) = min(t, W) keys.
 * S(n) = sum_{t=1..n} k(t), T(n) = sum_{m=1..n} S(m).
 */
final class TokenSums {
  private TokenSums() {}

  /** sum_{t=from..to} min(t, W) keys; 0 when to < from. */
  static double keys(long from, long to, int window) {
    if (to < from) {
      return 0;
    }
    try {
      return Math.subtractExact(s(to, window), s(from - 1, window));
    } catch (ArithmeticException overflow) {
      return sBig(to, window).subtract(sBig(from - 1, window)).doubleValue();
    }
  }

  /** sum_{m=from..to} S(m): keys attended by full re-runs of lengths from..to; 0 when to < from. */
  static double keysOfReruns(long from, long to, int window) {
    if (to < from) {
      return 0;
    }
    try {
      return Math.subtractExact(t(to, window), t(from - 1, window));
    } catch (ArithmeticException overflow) {
      return tBig(to, window).subtract(tBig(from - 1, window)).doubleValue();
    }
  }

  /** sum_{m=from..to} m; 0 when to < from. */
  static double positions(long from, long to) {
    if (to < from) {
      return 0;
    }
    try {
      return Math.subtractExact(tri(to), tri(from - 1));
    } catch (ArithmeticException overflow) {
      return triBig(to).subtract(triBig(from - 1)).doubleValue();
    }
  }

  // n(n+1)/2, dividing the even factor first so no intermediate exceeds the result.
  private static long tri(long n) {
    return n % 2 == 0 ? Math.multiplyExact(n / 2, n + 1) : Math.multiplyExact(n, (n + 1) / 2);
  }

  // n(n+1)(n+2)/6 with the factors of 2 and 3 divided out before multiplying.
  private static long tet(long n) {
    long a = n;
    long b = n + 1;
    long c = n + 2;
    if (a % 3 == 0) {
      a /= 3;
    } else if (b % 3 == 0) {
      b /= 3;
    } else {
      c /= 3;
    }
    if (a % 2 == 0) {
      a /= 2;
    } else {
      b /= 2; // of n, n+1 one is even; if it was divided by 3 above it stays even
    }
    return Math.multiplyExact(Math.multiplyExact(a, b), c);
  }

  private static long s(long n, int w) {
    if (n <= 0) {
      return 0;
    }
    if (w <= 0 || n <= w) {
      return tri(n);
    }
    return Math.addExact(tri(w), Math.multiplyExact(n - w, (long) w));
  }

  private static long t(long n, int w) {
    if (n <= 0) {
      return 0;
    }
    if (w <= 0 || n <= w) {
      return tet(n);
    }
    long beyond = n - w;
    // T(W) + (n-W) S(W) + W * (1 + 2 + ... + (n-W))
    return Math.addExact(Math.addExact(tet(w), Math.multiplyExact(beyond, tri(w))),
        Math.multiplyExact((long) w, tri(beyond)));
  }

  private static BigInteger triBig(long n) {
    BigInteger b = BigInteger.valueOf(n);
    return b.multiply(b.add(BigInteger.ONE)).shiftRight(1);
  }

  private static BigInteger tetBig(long n) {
    BigInteger b = BigInteger.valueOf(n);
    return b.multiply(b.add(BigInteger.ONE)).multiply(b.add(BigInteger.TWO)).divide(BigInteger.valueOf(6));
  }

  private static BigInteger sBig(long n, int w) {
    if (n <= 0) {
      return BigInteger.ZERO;
    }
    if (w <= 0 || n <= w) {
      return triBig(n);
    }
    return triBig(w).add(BigInteger.valueOf(n - w).multiply(BigInteger.valueOf(w)));
  }

  private static BigInteger tBig(long n, int w) {
    if (n <= 0) {
      return BigInteger.ZERO;
    }
    if (w <= 0 || n <= w) {
      return tetBig(n);
    }
    long beyond = n - w;
    return tetBig(w).add(BigInteger.valueOf(beyond).multiply(triBig(w)))
        .add(BigInteger.valueOf(w).multiply(triBig(beyond)));
  }
}
