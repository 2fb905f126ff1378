package io.matchstream.simulator;

import static io.matchstream.simulator.Calibration.CANDIDATE_PATIENCE_DAYS;
import static io.matchstream.simulator.Calibration.TARGET_RATIO_OVERALL;
import static io.matchstream.simulator.Calibration.TARGET_RATIO_SHORTAGE;
import static io.matchstream.simulator.Calibration.VACANCY_OPENINGS_PER_DAY;
import static io.matchstream.simulator.Calibration.VACANCY_WITHDRAW_SHARE;

import io.matchstream.events.taxonomy.Occupation;
import io.matchstream.events.taxonomy.Taxonomy;
import java.util.List;

/**
 * Per-occupation rates and steady-state stocks for a city of size 1.0, derived from {@link
 * Calibration}.
 *
 * <p>Why the candidate rate has this form: a vacancy's life is set when it opens, so open vacancies
 * V = openings × mean life. Candidates leave when a fill picks them (uniformly from the pool) or when
 * their exponential patience (mean M) runs out; then the pool settles at C = M × (registrations −
 * hires). Choosing registrations = C/M + hires with C = V / ratio puts the pool at the target ratio.
 */
final class RatePlan {
  final List<Occupation> occupations;
  /** Openings per day, per occupation. */
  final double[] vacancyRate;
  /** Registrations per day, per occupation (primary occupation sought). */
  final double[] candidateRate;
  /** Steady-state open vacancies and available candidates, per occupation. */
  final double[] openVacancies;
  final double[] availableCandidates;
  /** Mean days a candidate of the occupation stays available (for the initial stock's ages). */
  final double[] candidateStayDays;
  final double totalVacancyRate;
  final double totalCandidateRate;
  /** The ratio non-shortage occupations get so that the overall ratio meets its target. */
  final double ordinaryRatio;

  RatePlan(Taxonomy taxonomy) {
    occupations = List.copyOf(taxonomy.occupations());
    int n = occupations.size();
    vacancyRate = new double[n];
    candidateRate = new double[n];
    openVacancies = new double[n];
    availableCandidates = new double[n];
    candidateStayDays = new double[n];

    double weightSum = occupations.stream().mapToDouble(Calibration::demandWeight).sum();
    double shortageOpen = 0;
    double allOpen = 0;
    for (int i = 0; i < n; i++) {
      Occupation o = occupations.get(i);
      vacancyRate[i] = VACANCY_OPENINGS_PER_DAY * Calibration.demandWeight(o) / weightSum;
      // withdrawn posts leave after 30–100% of their planned life: 65% on average
      double life = Calibration.meanOpenDays(o.technical()) * (1 - VACANCY_WITHDRAW_SHARE * 0.35);
      openVacancies[i] = vacancyRate[i] * life;
      allOpen += openVacancies[i];
      if (Calibration.isShortage(o.code())) {
        shortageOpen += openVacancies[i];
      }
    }
    double s = shortageOpen / allOpen;
    // 1/overall = (1-s)/ordinary + s/shortage, solved for the ordinary ratio
    ordinaryRatio = (1 - s) / (1 / TARGET_RATIO_OVERALL - s / TARGET_RATIO_SHORTAGE);

    double vTotal = 0;
    double cTotal = 0;
    for (int i = 0; i < n; i++) {
      Occupation o = occupations.get(i);
      double ratio = Calibration.isShortage(o.code()) ? TARGET_RATIO_SHORTAGE : ordinaryRatio;
      availableCandidates[i] = openVacancies[i] / ratio;
      double hires =
          vacancyRate[i] * (1 - VACANCY_WITHDRAW_SHARE) * Profiles.meanHeadcount(o.technical())
              * Calibration.HIRE_REALISATION;
      candidateRate[i] = availableCandidates[i] / CANDIDATE_PATIENCE_DAYS + hires;
      candidateStayDays[i] = availableCandidates[i] / candidateRate[i];
      vTotal += vacancyRate[i];
      cTotal += candidateRate[i];
    }
    totalVacancyRate = vTotal;
    totalCandidateRate = cTotal;
  }

  /** Hires per day in a size-1.0 city at steady state. */
  double hiresPerDay() {
    double h = 0;
    for (int i = 0; i < occupations.size(); i++) {
      h += vacancyRate[i] * (1 - VACANCY_WITHDRAW_SHARE) * Profiles.meanHeadcount(occupations.get(i).technical());
    }
    return h;
  }
}
