package dev.topos.topology.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Offsets of a scan from a head along the head's normals. */
class NormalOffsetsTest {
  /** A 10 x 10 grid on z = 0 (1 cm spacing) with normals +Z. */
  static float[] grid() {
    float[] out = new float[300];
    for (int i = 0; i < 100; i++) {
      out[3 * i] = (i % 10) * 0.01f;
      out[3 * i + 1] = (i / 10) * 0.01f;
    }
    return out;
  }

  static float[] normalsAlong(int n, float x, float y, float z) {
    float[] out = new float[3 * n];
    for (int i = 0; i < n; i++) {
      out[3 * i] = x;
      out[3 * i + 1] = y;
      out[3 * i + 2] = z;
    }
    return out;
  }

  /** A scan of the plane z = height, 2 mm spacing, shifted sideways so no point sits on a vertex's line. */
  static float[] plane(float height) {
    float[] out = new float[3 * 60 * 60];
    for (int i = 0; i < 3600; i++) {
      out[3 * i] = (i % 60) * 0.002f - 0.0093f;
      out[3 * i + 1] = (i / 60) * 0.002f - 0.0091f;
      out[3 * i + 2] = height;
    }
    return out;
  }

  @Test
  void aParallelPlaneIsSeenAtItsDistanceFromEveryObservableVertex() {
    boolean[] observable = new boolean[100];
    for (int i = 0; i < 100; i += 2) {
      observable[i] = true;
    }
    float[] scan = plane(0.003f);
    NormalOffsets o = NormalOffsets.observe(grid(), normalsAlong(100, 0, 0, 1), observable, scan, normalsAlong(3600, 0, 0, 1), 0.010);
    assertEquals(50, o.count());
    for (int m = 0; m < o.count(); m++) {
      assertEquals(0, o.vertices()[m] % 2);
      assertEquals(0.003, o.offsets()[m], 1e-6);
    }
    assertArrayEquals(normalsAlong(50, 0, 0, 1), o.normals());
  }

  @Test
  void aTiltedHeadNormalReadsThePlaneAlongItself() {
    boolean[] all = new boolean[100];
    java.util.Arrays.fill(all, true);
    float c = (float) Math.cos(Math.toRadians(30));
    float s = (float) Math.sin(Math.toRadians(30));
    NormalOffsets o = NormalOffsets.observe(grid(), normalsAlong(100, s, 0, c), all, plane(-0.004f), normalsAlong(3600, 0, 0, 1), 0.010);
    assertEquals(0.004 / -c, o.offsets()[0], 1e-6); // below the vertex: negative, and longer along the tilted line
  }

  @Test
  void unorientedScanNormalsGiveTheSameOffsets() {
    boolean[] all = new boolean[100];
    java.util.Arrays.fill(all, true);
    NormalOffsets up = NormalOffsets.observe(grid(), normalsAlong(100, 0, 0, 1), all, plane(0.002f), normalsAlong(3600, 0, 0, 1), 0.010);
    NormalOffsets down = NormalOffsets.observe(grid(), normalsAlong(100, 0, 0, 1), all, plane(0.002f), normalsAlong(3600, 0, 0, -1), 0.010);
    assertArrayEquals(up.offsets(), down.offsets(), 1e-12);
    assertEquals(100, down.count());
    assertEquals(0, NormalOffsets.observe(grid(), normalsAlong(100, 0, 0, 1), all, new float[0], new float[0], 0.010).count());
  }

  @Test
  void farScansAndCrossingSheetsAreNotObserved() {
    boolean[] all = new boolean[100];
    java.util.Arrays.fill(all, true);
    assertEquals(0, NormalOffsets.observe(grid(), normalsAlong(100, 0, 0, 1), all, plane(0.02f), normalsAlong(3600, 0, 0, 1), 0.010).count());
    assertEquals(0, NormalOffsets.observe(grid(), normalsAlong(100, 0, 0, 1), all, plane(0.001f), normalsAlong(3600, 1, 0, 0), 0.010).count());
  }
}
