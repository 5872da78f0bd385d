package dev.topos.topology.space;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MacroWeightsTest {

  private static double sum(Map<String, Double> w, String prefix, String excludePrefix) {
    return w.entrySet().stream()
        .filter(e -> e.getKey().startsWith(prefix) && (excludePrefix == null || !e.getKey().startsWith(excludePrefix)))
        .mapToDouble(Map.Entry::getValue).sum();
  }

  @Test
  void raceGenderAgeWeightsSumToOne() {
    Map<String, Double> w = MacroWeights.of(new MacroParams(0.3, 0.7, 0.2, 0.5, 0.3, 0.2, 0.9, 0.5, 0.5));
    double race = 0;
    for (String r : new String[] {"african-", "asian-", "caucasian-"}) {
      race += sum(w, r, null);
    }
    assertEquals(1.0, race, 1e-12);
    assertEquals(1.0, sum(w, "universal-", null), 1e-12);
  }

  @Test
  void neutralIsTheYoungAverageMix() {
    Map<String, Double> w = MacroWeights.of(MacroParams.neutral());
    // 1/3 race x 1/2 gender x 1 young.
    assertEquals(1 / 6.0, w.get("caucasian-female-young"), 1e-12);
    assertEquals(0.5, w.get("universal-male-young-averagemuscle-averageweight"), 1e-12);
    // Proportions and height at 0.5 drive no target.
    assertEquals(0.0, sum(w, "proportions/", null), 0);
    assertEquals(0.0, sum(w, "height/", null), 0);
  }

  @Test
  void ageBreakpointsHitMakeHumanAges() {
    assertEquals(1.0, MacroWeights.ageWeights(0.1875).get("child"), 1e-9);
    assertEquals(1.0, MacroWeights.ageWeights(0).get("baby"), 1e-9);
    assertEquals(0.5, MacroWeights.ageWeights(0.75).get("old"), 1e-9);
    assertEquals(0.5, MacroWeights.ageWeights(0.34375).get("young"), 1e-9);
    assertEquals(25, new MacroParams(0.5, MacroParams.ageFromYears(25), 1, 1, 1, 0.5, 0.5, 0.5, 0.5).ageYears(), 1e-9);
    assertEquals(11, new MacroParams(0.5, MacroParams.ageFromYears(11), 1, 1, 1, 0.5, 0.5, 0.5, 0.5).ageYears(), 1e-9);
  }

  @Test
  void extremesSelectSingleTargets() {
    Map<String, Double> w = MacroWeights.of(new MacroParams(1, 1, 0, 0, 1, 1, 0, 1, 0));
    assertEquals(1.0, w.get("caucasian-male-old"), 1e-12);
    assertEquals(1.0, w.get("universal-male-old-maxmuscle-minweight"), 1e-12);
    assertEquals(1.0, w.get("proportions/male-old-maxmuscle-minweight-idealproportions"), 1e-12);
    assertEquals(1.0, w.get("height/male-old-maxmuscle-minweight-minheight"), 1e-12);
  }
}
