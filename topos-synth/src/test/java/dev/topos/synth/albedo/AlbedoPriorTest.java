package dev.topos.synth.albedo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.topos.topology.space.HeadModel;
import dev.topos.topology.space.HeadParams;
import dev.topos.topology.space.MacroParams;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class AlbedoPriorTest {
  private final AlbedoPrior prior = new AlbedoPrior();

  private static HeadParams head(double gender, double years, double african, double asian, double caucasian) {
    MacroParams m = new MacroParams(gender, MacroParams.ageFromYears(years), african, asian, caucasian, 0.5, 0.5, 0.5, 0.5);
    return new HeadParams(m, new TreeMap<>(), new TreeMap<>());
  }

  @Test
  void deterministicForASeed() {
    HeadParams h = head(0.9, 40, 0.2, 0.3, 0.5);
    assertEquals(prior.sample(h, new SplittableRandom(5)), prior.sample(h, new SplittableRandom(5)));
    assertTrue(!prior.sample(h, new SplittableRandom(5)).equals(prior.sample(h, new SplittableRandom(6))));
  }

  @Test
  void childrenNeverGetFacialHair() {
    HeadModel model = HeadModel.loadBundled();
    int children = 0;
    for (int i = 0; i < 3000; i++) {
      SplittableRandom rng = new SplittableRandom(i);
      HeadParams h = model.prior().sample(rng, false);
      AlbedoParams p = prior.sample(h, rng);
      if (h.macro().ageYears() < 18) {
        children++;
        assertEquals(0, p.stubble(), "stubble for a " + h.macro().ageYears() + "-year-old");
        assertEquals(0, p.beard(), "beard for a " + h.macro().ageYears() + "-year-old");
      }
    }
    assertTrue(children > 300, "children drawn: " + children);
    for (int i = 0; i < 2000; i++) {
      AlbedoParams p = prior.sample(head(1, 5 + 12.9 * i / 2000, 0, 0, 1), new SplittableRandom(i));
      assertEquals(0, p.stubble());
      assertEquals(0, p.beard());
    }
  }

  @Test
  void facialHairIsForAdultMen() {
    int menWithHair = 0;
    int womenWithHair = 0;
    for (int i = 0; i < 1000; i++) {
      if (prior.sample(head(0.95, 35, 0, 0, 1), new SplittableRandom(i)).stubble() + prior.sample(
          head(0.95, 35, 0, 0, 1), new SplittableRandom(i)).beard() > 0) {
        menWithHair++;
      }
      AlbedoParams w = prior.sample(head(0.05, 35, 0, 0, 1), new SplittableRandom(i));
      if (w.stubble() + w.beard() > 0) {
        womenWithHair++;
      }
    }
    assertTrue(menWithHair > 600, "men with facial hair: " + menWithHair);
    assertEquals(0, womenWithHair);
  }

  @Test
  void ancestryShiftsButDoesNotLimitSkinTone() {
    double sumAfrican = 0;
    double sumCaucasian = 0;
    int lightAfrican = 0;
    int darkCaucasian = 0;
    int n = 4000;
    for (int i = 0; i < n; i++) {
      double a = prior.sample(head(0.5, 30, 1, 0, 0), new SplittableRandom(i)).melanin();
      double c = prior.sample(head(0.5, 30, 0, 0, 1), new SplittableRandom(i)).melanin();
      sumAfrican += a;
      sumCaucasian += c;
      lightAfrican += a < 0.03 ? 1 : 0;
      darkCaucasian += c > 0.25 ? 1 : 0;
    }
    assertTrue(sumAfrican / n > 4 * sumCaucasian / n, "mean melanin " + sumAfrican / n + " vs " + sumCaucasian / n);
    assertTrue(lightAfrican > 0 && darkCaucasian > 0, "tails: " + lightAfrican + ", " + darkCaucasian);
  }

  @Test
  void paramsAreValidated() {
    HairPigment h = new HairPigment(1, 0, 0);
    assertThrows(IllegalArgumentException.class, () -> new AlbedoParams(0.9, 0.025, 0, 2.6, 1.0, 1.5, 1.3, 1.5,
        0.3, 0.4, 0.8, 1.0, h, 0, 0, 0, h, 0.5, 0, 0.5, 0.5, 0.5, 0.2));
    assertThrows(IllegalArgumentException.class, () -> new AlbedoParams(0.1, 0.025, 0, 2.6, 1.0, 1.5, 1.3, 1.5,
        0.3, 0.4, 0.8, 1.0, h, 0, Double.NaN, 0, h, 0.5, 0, 0.5, 0.5, 0.5, 0.2));
    assertThrows(IllegalArgumentException.class, () -> new HairPigment(-1, 0, 0));
  }
}
