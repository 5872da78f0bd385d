package dev.topos.topology.space;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.topos.geometry.SelfIntersection;
import dev.topos.topology.Region;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HeadModelTest {
  static HeadModel model;

  @BeforeAll
  static void load() {
    model = HeadModel.loadBundled();
  }

  @Test
  void neutralParametersGiveTheReferenceHead() {
    float[] neutral = model.shape(HeadParams.neutral()).fullPositions();
    assertArrayEquals(model.topology().neutralFullPositions(), neutral, 1e-7f);
    assertEquals(0, SelfIntersection.find(model.topology().head()).count());
  }

  @Test
  void aFixedSeedIsReproducibleByteForByte() {
    float[] a = model.sample(42).fullPositions();
    float[] b = model.sample(42).fullPositions();
    assertArrayEquals(a, b);
    assertNotEquals(java.util.Arrays.hashCode(a), java.util.Arrays.hashCode(model.sample(43).fullPositions()));
  }

  /** Acceptance: 100 heads differ by at least 3 mm per vertex on average, and all are plausible. */
  @Test
  void hundredSampledHeadsAreDiverseAndPlausible() {
    List<float[]> heads = new ArrayList<>();
    for (long seed = 0; seed < 100; seed++) {
      HeadShape h = model.sample(seed);
      HeadValidity.Report r = model.validity().check(h.headMesh());
      assertEquals(0, r.selfIntersections(), "seed " + seed);
      assertTrue(r.maxEdgeRatio() <= 3.0, "seed " + seed + " edge ratio " + r.maxEdgeRatio());
      heads.add(h.headPositions());
    }
    double sum = 0;
    int pairs = 0;
    for (int i = 0; i < heads.size(); i++) {
      for (int j = i + 1; j < heads.size(); j++) {
        sum += meanDistance(heads.get(i), heads.get(j));
        pairs++;
      }
    }
    double meanMm = 1000 * sum / pairs;
    assertTrue(meanMm >= 3.0, "mean pairwise per-vertex distance " + meanMm + " mm");
  }

  @Test
  void priorCoversChildrenAdultsAndBothGenders() {
    int children = 0;
    int female = 0;
    for (long seed = 0; seed < 400; seed++) {
      MacroParams m = model.prior().sample(new SplittableRandom(seed), false).macro();
      children += m.ageYears() < 18 ? 1 : 0;
      female += m.gender() < 0.5 ? 1 : 0;
      assertTrue(m.ageYears() >= 5 && m.ageYears() <= 80);
    }
    assertTrue(children > 30 && children < 100, "children " + children);
    assertTrue(female > 150 && female < 250, "female " + female);
  }

  @Test
  void childHeadsAreSmallerThanAdultHeads() {
    MacroParams adult = MacroParams.neutral();
    MacroParams child = new MacroParams(0.5, MacroParams.ageFromYears(6), 1 / 3.0, 1 / 3.0, 1 / 3.0, 0.5, 0.5, 0.5, 0.5);
    float[] a = model.shape(new HeadParams(adult, new TreeMap<>(), new TreeMap<>())).headMesh().bounds();
    float[] c = model.shape(new HeadParams(child, new TreeMap<>(), new TreeMap<>())).headMesh().bounds();
    assertTrue(c[3] - c[0] < a[3] - a[0], "child head narrower");
  }

  @Test
  void expressionsMoveTheFaceWhereTheyShould() {
    HeadShape neutral = model.shape(HeadParams.neutral());
    HeadShape open = model.shape(HeadParams.neutral().withExpressions(Map.of("mouth-open", 1.0)));
    float[] p = neutral.headPositions();
    float[] q = open.headPositions();
    double lips = 0;
    double scalp = 0;
    Region[] regions = model.topology().regions();
    int nl = 0;
    int ns = 0;
    for (int i = 0; i < regions.length; i++) {
      double d = Math.sqrt(sq(p[3 * i] - q[3 * i]) + sq(p[3 * i + 1] - q[3 * i + 1]) + sq(p[3 * i + 2] - q[3 * i + 2]));
      if (regions[i] == Region.LIPS) {
        lips += d;
        nl++;
      } else if (regions[i] == Region.SCALP && p[3 * i + 1] > 0.03) { // the crown, well above the jaw
        scalp += d;
        ns++;
      }
    }
    assertTrue(lips / nl > 0.003, "lips move " + lips / nl);
    assertTrue(scalp / ns < 0.0005, "scalp stays " + scalp / ns);
    // The jaw drops: the teeth.lower part moves down with it.
    float[] t0 = neutral.partMesh("teeth.lower").bounds();
    float[] t1 = open.partMesh("teeth.lower").bounds();
    assertTrue(t1[1] < t0[1] - 0.002, "lower teeth drop");
  }

  @Test
  void unknownNamesAndOutOfRangeValuesAreRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> model.shape(HeadParams.neutral().withExpressions(Map.of("smirk", 0.5))));
    assertTrue(e.getMessage().contains("unknown expression 'smirk'"));
    assertThrows(IllegalArgumentException.class,
        () -> model.shape(new HeadParams(MacroParams.neutral(), new TreeMap<>(Map.of("nose/no-such", 0.5)), new TreeMap<>())));
    assertThrows(IllegalArgumentException.class, () -> HeadParams.neutral().withExpressions(Map.of("mouth-open", 1.5)));
    assertThrows(IllegalArgumentException.class, () -> HeadParams.neutral().withExpressions(Map.of("mouth-open", Double.NaN)));
    assertThrows(IllegalArgumentException.class, () -> new MacroParams(0.5, 2, 1, 1, 1, 0.5, 0.5, 0.5, 0.5));
  }

  @Test
  void headSpaceHasTheMakeHumanCatalogue() {
    HeadSpace s = model.space();
    assertEquals(34, s.expressionUnits().size());
    assertTrue(s.sliders().size() > 150, "sliders " + s.sliders().size());
    assertTrue(s.targets().keySet().stream().filter(k -> k.startsWith("macro/")).count() > 300);
  }

  private static double meanDistance(float[] p, float[] q) {
    double d = 0;
    for (int v = 0; v < p.length; v += 3) {
      d += Math.sqrt(sq(p[v] - q[v]) + sq(p[v + 1] - q[v + 1]) + sq(p[v + 2] - q[v + 2]));
    }
    return d / (p.length / 3);
  }

  private static double sq(double x) {
    return x * x;
  }
}
