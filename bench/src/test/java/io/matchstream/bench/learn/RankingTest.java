package io.matchstream.bench.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RankingTest {

  @Test
  void aucCountsPairsRankedRightAndTiesAsHalf() {
    boolean[] y = {false, false, true, true};
    assertThat(Ranking.auc(new double[] {0.1, 0.4, 0.35, 0.8}, y).value()).isEqualTo(0.75);
    assertThat(Ranking.auc(new double[] {0.1, 0.2, 0.3, 0.4}, y).value()).isEqualTo(1.0);
    assertThat(Ranking.auc(new double[] {0.4, 0.3, 0.2, 0.1}, y).value()).isEqualTo(0.0);
    assertThat(Ranking.auc(new double[] {1, 1, 1, 1}, y).value()).isEqualTo(0.5);
    // one tie between a positive and a negative: 3 of 4 pairs right, one a half
    assertThat(Ranking.auc(new double[] {0.1, 0.5, 0.5, 0.8}, y).value()).isEqualTo(0.875);
  }

  @Test
  void aucOfOneClassIsUndefined() {
    assertThat(Ranking.auc(new double[] {0.1, 0.2}, new boolean[] {true, true}).value()).isNaN();
    assertThat(Ranking.auc(new double[] {0.1, 0.2}, new boolean[] {true, true}).text()).isEqualTo("–");
  }

  @Test
  void fitFindsTheComponentThatMattersKeepsWeightsNonNegativeAndFlagsConstants() {
    Random r = new Random(7);
    int n = 20_000;
    double[][] x = new double[n][3];
    boolean[] y = new boolean[n];
    for (int i = 0; i < n; i++) {
      x[i][0] = r.nextDouble(); // raises the odds
      x[i][1] = r.nextDouble(); // lowers them: a weight below 0 is not allowed
      x[i][2] = 1.0; // constant: cannot be weighed
      double logit = -3 + 3 * x[i][0] - 1.5 * x[i][1];
      y[i] = r.nextDouble() < 1 / (1 + Math.exp(-logit));
    }
    Ranking.Logistic fit = Ranking.fit(x, y, 2000, 0.5, 0);
    assertThat(fit.weights()[0]).isCloseTo(3.0, within(0.4));
    assertThat(fit.weights()[1]).isEqualTo(0.0);
    assertThat(fit.identified()).containsExactly(true, true, false);
    assertThat(fit.weights()[2]).isEqualTo(0.0);
  }
}
