package io.matchstream.bench.learn;

import java.util.Arrays;

/** How well a score ranks positives above negatives, and a plain logistic fit of the weights. */
final class Ranking {
  private Ranking() {}

  /** An AUC with its standard error; NaN when either class is empty. */
  record Auc(double value, double se, int positives, int negatives) {
    String text() {
      if (Double.isNaN(value)) {
        return "–";
      }
      return String.format(java.util.Locale.ROOT, "%.3f ± %.3f", value, se);
    }
  }

  /**
   * The area under the ROC curve: the chance that a random positive scores above a random
   * negative, ties counting a half (Mann–Whitney with mid-ranks). Standard error after Hanley and
   * McNeil (1982).
   */
  static Auc auc(double[] score, boolean[] positive) {
    int n = score.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(score[a], score[b]));
    double rankSum = 0;
    int pos = 0;
    for (int i = 0; i < n; ) {
      int j = i;
      while (j + 1 < n && score[order[j + 1]] == score[order[i]]) {
        j++;
      }
      double midRank = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        if (positive[order[k]]) {
          rankSum += midRank;
          pos++;
        }
      }
      i = j + 1;
    }
    int neg = n - pos;
    if (pos == 0 || neg == 0) {
      return new Auc(Double.NaN, Double.NaN, pos, neg);
    }
    double a = (rankSum - pos * (pos + 1) / 2.0) / ((double) pos * neg);
    double q1 = a / (2 - a);
    double q2 = 2 * a * a / (1 + a);
    double var = (a * (1 - a) + (pos - 1) * (q1 - a * a) + (neg - 1) * (q2 - a * a)) / ((double) pos * neg);
    return new Auc(a, Math.sqrt(Math.max(0, var)), pos, neg);
  }

  /** A logistic model on raw components: P(hired) = σ(intercept + Σ w·x), every w ≥ 0. */
  record Logistic(double intercept, double[] weights, boolean[] identified, double logLoss) {}

  /**
   * Fits P(hired) = σ(b + Σ w_j x_j) by full-batch gradient descent on the mean log loss, with
   * each w_j kept ≥ 0 (projected after every step: the job's index needs weights ≥ 0, and a score
   * that falls as a fit improves would not be a fit). The components are standardised for the
   * descent only. A component that does not vary in the sample (sd &lt; 1e-6) cannot be weighed
   * from it: it is marked not identified and gets weight 0 here.
   */
  static Logistic fit(double[][] x, boolean[] y, int iterations, double rate, double l2) {
    int n = x.length;
    int d = x[0].length;
    double[] mean = new double[d];
    double[] sd = new double[d];
    for (double[] row : x) {
      for (int j = 0; j < d; j++) {
        mean[j] += row[j] / n;
      }
    }
    for (double[] row : x) {
      for (int j = 0; j < d; j++) {
        sd[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / n;
      }
    }
    boolean[] identified = new boolean[d];
    for (int j = 0; j < d; j++) {
      sd[j] = Math.sqrt(sd[j]);
      identified[j] = sd[j] >= 1e-6;
    }
    double[][] z = new double[n][d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        z[i][j] = identified[j] ? (x[i][j] - mean[j]) / sd[j] : 0;
      }
    }
    double base = 0;
    for (boolean b : y) {
      base += b ? 1 : 0;
    }
    base /= n;
    double b0 = Math.log(base / (1 - base));
    double[] beta = new double[d];
    double[] grad = new double[d];
    for (int it = 0; it < iterations; it++) {
      Arrays.fill(grad, 0);
      double gb = 0;
      for (int i = 0; i < n; i++) {
        double t = b0;
        for (int j = 0; j < d; j++) {
          t += beta[j] * z[i][j];
        }
        double err = sigmoid(t) - (y[i] ? 1 : 0);
        gb += err / n;
        for (int j = 0; j < d; j++) {
          grad[j] += err * z[i][j] / n;
        }
      }
      b0 -= rate * gb;
      for (int j = 0; j < d; j++) {
        beta[j] = identified[j] ? Math.max(0, beta[j] - rate * (grad[j] + l2 * beta[j])) : 0;
      }
    }
    double[] w = new double[d];
    double intercept = b0;
    for (int j = 0; j < d; j++) {
      if (identified[j]) {
        w[j] = beta[j] / sd[j];
        intercept -= w[j] * mean[j];
      }
    }
    double loss = 0;
    for (int i = 0; i < n; i++) {
      double t = intercept;
      for (int j = 0; j < d; j++) {
        t += w[j] * x[i][j];
      }
      double p = Math.min(1 - 1e-12, Math.max(1e-12, sigmoid(t)));
      loss -= (y[i] ? Math.log(p) : Math.log(1 - p)) / n;
    }
    return new Logistic(intercept, w, identified, loss);
  }

  private static double sigmoid(double t) {
    return 1 / (1 + Math.exp(-t));
  }
}
