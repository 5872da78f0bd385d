package dev.topos.topology.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.topos.geometry.SelfIntersection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LipPartingTest {
  static HeadModel model;
  static LipParting parting;

  @BeforeAll
  static void load() {
    model = HeadModel.loadBundled();
    parting = new LipParting(model);
  }

  @Test
  void aHeadThatDoesNotIntersectItselfIsLeftAlone() {
    float[] head = model.sample(3).headMesh().positions();
    LipParting.Result r = parting.part(head);
    assertSame(head, r.positions());
    assertEquals(0, r.weight());
    assertEquals(0, r.intersectionsBefore());
  }

  /** Lips pressed together by a negative "mouth-open" are parted by a small positive weight. */
  @Test
  void pressedLipsArePartedByTheSmallestWeightThatClearsThem() {
    float[] head = model.sample(3).headMesh().positions();
    float[] open = parting.openDirection();
    float[] pressed = head.clone();
    for (int i = 0; i < pressed.length; i++) {
      pressed[i] -= 0.15f * open[i];
    }
    int[] triangles = model.topology().head().triangles();
    long before = SelfIntersection.find(pressed, triangles, 0).count();
    assertTrue(before > 0, "pressing the lips must make them intersect");
    LipParting.Result r = parting.part(pressed);
    assertEquals(before, r.intersectionsBefore());
    assertEquals(0, r.intersectionsAfter());
    assertEquals(0, SelfIntersection.find(r.positions(), triangles, 0).count());
    assertTrue(r.weight() > 0 && r.weight() <= 0.3, "weight " + r.weight());
    // the smallest step: one step less still intersects
    float[] less = pressed.clone();
    for (int i = 0; i < less.length; i++) {
      less[i] += (float) ((r.weight() - 0.03) * open[i]);
    }
    assertTrue(SelfIntersection.find(less, triangles, 0).count() > 0);
    // only the mouth moves: far from the lips (the scalp top) nothing changes
    int top = 0;
    for (int v = 0; v < head.length / 3; v++) {
      if (head[3 * v + 1] > head[3 * top + 1]) {
        top = v;
      }
    }
    assertEquals(pressed[3 * top + 1], r.positions()[3 * top + 1], 1e-7f);
  }
}
