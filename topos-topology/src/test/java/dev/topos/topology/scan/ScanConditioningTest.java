package dev.topos.topology.scan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.topos.topology.ReferenceTopology;
import org.junit.jupiter.api.Test;

class ScanConditioningTest {
  static final float[] HEAD = ReferenceTopology.loadBundled().head().positions();

  @Test
  void unitsAreDetectedFromTheSize() {
    assertEquals(Units.MM, Units.detect(290));
    assertEquals(Units.CM, Units.detect(29));
    assertEquals(Units.DM, Units.detect(2.9));
    assertEquals(Units.M, Units.detect(0.29));
    assertEquals(Units.DM, Units.detect(9), "inches are never detected: a 9-inch head reads as decimetres");
    assertEquals(Units.IN, Units.parse("IN"));
    assertEquals(0.0254, Units.IN.metres());
    assertThrows(IllegalArgumentException.class, () -> Units.detect(5000));
  }

  @Test
  void axesWriteAsTheyAreRead() {
    for (Axis a : Axis.values()) {
      assertEquals(a, Axis.parse(a.flag()));
      assertEquals(a, Axis.parse(a.signed()));
    }
    assertEquals("z", Axis.PZ.flag());
    assertEquals("-y", Axis.NY.flag());
    assertEquals("+x", Axis.PX.signed());
  }

  @Test
  void aHeadInMillimetresWithZUpAndYForwardComesBackInTheToposFrame() {
    // File convention: Z up, -Y forward (the face looks along -Y), millimetres.
    float[] file = new float[HEAD.length];
    for (int i = 0; i < HEAD.length; i += 3) {
      file[i] = HEAD[i] * 1000; // x stays
      file[i + 1] = -HEAD[i + 2] * 1000; // forward +Z -> -Y
      file[i + 2] = HEAD[i + 1] * 1000; // up +Y -> +Z
    }
    ScanConditioning.Result r = ScanConditioning.apply(file, null, Axis.parse("z"), Axis.parse("-y"), null);
    assertEquals(Units.MM, r.units());
    assertEquals(0, r.dropped());
    assertArrayEquals(HEAD, r.positions(), 1e-6f);
    assertArrayEquals(file, r.toInputFrame(r.positions()), 1e-3f); // back to the file's frame and units
  }

  @Test
  void shouldersAndBasePlateBelowTheNeckAreRemoved() {
    int extra = 2000;
    float[] p = java.util.Arrays.copyOf(HEAD, HEAD.length + 3 * extra);
    for (int i = 0; i < extra; i++) { // a slab 0.45 m wide, 0.25-0.4 m below the eyes
      p[HEAD.length + 3 * i] = -0.225f + 0.45f * (i % 50) / 49f;
      p[HEAD.length + 3 * i + 1] = -0.25f - 0.15f * (i / 50) / 39f;
      p[HEAD.length + 3 * i + 2] = 0;
    }
    ScanConditioning.Result r = ScanConditioning.apply(p, null, Axis.PY, Axis.PZ, null);
    assertEquals(Units.M, r.units());
    assertTrue(r.dropped() >= extra - 60, "dropped " + r.dropped());
    assertTrue(r.size() >= HEAD.length / 3 - 5, "kept the head");
  }

  @Test
  void badInputsAreRefusedWithAReason() {
    assertThrows(IllegalArgumentException.class, () -> ScanConditioning.apply(new float[30], null, Axis.PY, Axis.PZ, null));
    float[] nan = HEAD.clone();
    nan[5] = Float.NaN;
    assertThrows(IllegalArgumentException.class, () -> ScanConditioning.apply(nan, null, Axis.PY, Axis.PZ, null));
    assertThrows(IllegalArgumentException.class, () -> ScanConditioning.apply(HEAD, null, Axis.PY, Axis.NY, null));
    float[] tiny = new float[HEAD.length];
    for (int i = 0; i < tiny.length; i++) {
      tiny[i] = HEAD[i] * 1e-6f;
    }
    assertThrows(IllegalArgumentException.class, () -> ScanConditioning.apply(tiny, null, Axis.PY, Axis.PZ, null));
  }

  /**
   * A head modelled 3.5 times too large (largest extent about 1 m, which reads as 1 m of a head
   * and shoulders in cm) is refused: its crown is far wider than a head's. The head itself, and a
   * head with a 0.45 m slab of shoulders, pass.
   */
  @Test
  void aGiantHeadThatPassesTheUnitDetectionIsRefusedByItsCrown() {
    assertTrue(ScanConditioning.crownSpan(HEAD) < 0.25, "reference crown " + ScanConditioning.crownSpan(HEAD));
    float[] giant = new float[HEAD.length];
    for (int i = 0; i < giant.length; i++) {
      giant[i] = HEAD[i] * 3.5f * 100; // centimetres
    }
    ScanConditioning.Result detected = ScanConditioning.apply(giant, null, Axis.PY, Axis.PZ, null);
    assertEquals(Units.CM, detected.units());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ScanConditioning.checkDetectedUnits(detected));
    assertTrue(e.getMessage().startsWith("read in cm") && e.getMessage().contains("pass --units"), e.getMessage());
    ScanConditioning.checkDetectedUnits(ScanConditioning.apply(HEAD, null, Axis.PY, Axis.PZ, null)); // passes
  }

  @Test
  void normalsComeOutUnitLengthAndBadOnesZero() {
    float[] normals = new float[HEAD.length];
    for (int i = 0; i < normals.length; i += 3) {
      normals[i + 1] = 1000f; // millimetre-scaled normals pointing up
    }
    normals[0] = Float.NaN;
    normals[4] = 0f; // point 1: all zero
    ScanConditioning.Result r = ScanConditioning.apply(HEAD, normals, Axis.PY, Axis.PZ, null);
    float[] n = r.normals();
    assertEquals(0f, n[0] * n[0] + n[1] * n[1] + n[2] * n[2]); // NaN normal -> zero
    assertEquals(0f, n[3] * n[3] + n[4] * n[4] + n[5] * n[5]); // zero stays zero
    for (int i = 6; i < n.length; i += 3) {
      assertEquals(1f, n[i + 1], 1e-6f);
      assertEquals(0f, n[i], 0f);
    }
  }
}
