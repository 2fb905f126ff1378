package io.matchstream.simulator;

import java.util.SplittableRandom;

/**
 * The simulator's random source: {@link SplittableRandom}, whose algorithm is specified, plus the
 * few distributions the model needs, written out so that no JDK default can change the stream.
 */
final class Rng {
  private static final char[] BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();
  private final SplittableRandom random;

  Rng(long seed) {
    this.random = new SplittableRandom(seed);
  }

  double nextDouble() {
    return random.nextDouble();
  }

  int nextInt(int bound) {
    return random.nextInt(bound);
  }

  long nextLong() {
    return random.nextLong();
  }

  boolean chance(double p) {
    return random.nextDouble() < p;
  }

  double uniform(double min, double max) {
    return min + (max - min) * random.nextDouble();
  }

  /** Exponential with the given mean. */
  double exponential(double mean) {
    return -mean * Math.log(1 - random.nextDouble());
  }

  /** Standard normal (Box–Muller, one value per call). */
  double gaussian() {
    double u1 = 1 - random.nextDouble();
    double u2 = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** An index drawn with probability proportional to the weights. */
  int weighted(double[] weights) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double x = random.nextDouble() * total;
    for (int i = 0; i < weights.length; i++) {
      x -= weights[i];
      if (x < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  /** An index from cumulative weights (binary search; for the long occupation tables). */
  int fromCumulative(double[] cumulative) {
    double x = random.nextDouble() * cumulative[cumulative.length - 1];
    int lo = 0;
    int hi = cumulative.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] > x) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  /** Random [0-9a-z] characters, for pseudonymous ids. */
  String base36(int length) {
    char[] c = new char[length];
    for (int i = 0; i < length; i++) {
      c[i] = BASE36[random.nextInt(36)];
    }
    return new String(c);
  }
}
