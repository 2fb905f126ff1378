package io.matchstream.events;

import static io.matchstream.events.OutcomeStage.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The whole table of which stage may follow which, and the reasons given for the refusals. */
class OutcomeTransitionsTest {

  private static String step(OutcomeStage previous, OutcomeStage next) {
    return (previous == null ? "START" : previous.name()) + "->" + next.name();
  }

  @Test
  void exactlyTheDocumentedStepsAreAllowed() {
    Set<String> expected = Set.of(
        "START->CONTACTED", "START->INTERVIEW", "START->OFFER", "START->HIRED", "START->DECLINED",
        "CONTACTED->CONTACTED", "CONTACTED->INTERVIEW", "CONTACTED->OFFER", "CONTACTED->HIRED", "CONTACTED->DECLINED",
        "INTERVIEW->INTERVIEW", "INTERVIEW->OFFER", "INTERVIEW->HIRED", "INTERVIEW->DECLINED", "INTERVIEW->NO_SHOW",
        "OFFER->OFFER", "OFFER->HIRED", "OFFER->DECLINED", "OFFER->NO_SHOW");
    List<OutcomeStage> previous = new ArrayList<>(Arrays.asList(OutcomeStage.values()));
    previous.add(0, null);
    List<String> allowed = new ArrayList<>();
    for (OutcomeStage p : previous) {
      for (OutcomeStage n : OutcomeStage.values()) {
        if (OutcomeTransitions.allowed(p, n)) allowed.add(step(p, n));
      }
    }
    assertThat(allowed).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void nothingFollowsAFinalStageNotEvenItself() {
    assertThat(OutcomeTransitions.check(DECLINED, HIRED)).isEqualTo("stage HIRED cannot follow DECLINED: DECLINED is final");
    assertThat(OutcomeTransitions.check(HIRED, HIRED)).isEqualTo("stage HIRED cannot follow HIRED: HIRED is final");
    assertThat(OutcomeTransitions.check(NO_SHOW, INTERVIEW)).isEqualTo("stage INTERVIEW cannot follow NO_SHOW: NO_SHOW is final");
    assertThat(OutcomeTransitions.check(HIRED, NO_SHOW)).isEqualTo("stage NO_SHOW cannot follow HIRED: HIRED is final");
  }

  @Test
  void aMatchDoesNotGoBack() {
    assertThat(OutcomeTransitions.check(OFFER, CONTACTED)).isEqualTo("stage CONTACTED cannot follow OFFER: a match does not go back");
    assertThat(OutcomeTransitions.check(INTERVIEW, CONTACTED)).isEqualTo("stage CONTACTED cannot follow INTERVIEW: a match does not go back");
  }

  @Test
  void aNoShowNeedsSomethingArrangedToMiss() {
    assertThat(OutcomeTransitions.check(null, NO_SHOW)).isEqualTo("stage NO_SHOW needs an INTERVIEW or OFFER before it, not no outcome yet");
    assertThat(OutcomeTransitions.check(CONTACTED, NO_SHOW)).isEqualTo("stage NO_SHOW needs an INTERVIEW or OFFER before it, not CONTACTED");
  }

  @Test
  void finalAndProgressStagesAreWhatTheContractSays() {
    assertThat(Arrays.stream(OutcomeStage.values()).filter(OutcomeStage::isFinal)).containsExactly(HIRED, DECLINED, NO_SHOW);
    assertThat(Arrays.stream(OutcomeStage.values()).filter(OutcomeStage::isProgress)).containsExactly(CONTACTED, INTERVIEW, OFFER, HIRED);
    for (OutcomeReason r : OutcomeReason.values()) {
      assertThat(r.fits(HIRED)).as(r.name()).isEqualTo(r == OutcomeReason.ADVANCED);
      assertThat(r.fits(NO_SHOW)).as(r.name()).isEqualTo(r != OutcomeReason.ADVANCED);
    }
  }
}
