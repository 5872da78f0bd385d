package dev.topos.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.topos.geometry.Mesh;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ReferenceTopologyTest {
  static ReferenceTopology topology;

  @BeforeAll
  static void load() {
    topology = ReferenceTopology.loadBundled();
  }

  @Test
  void headHasAtLeast3000VerticesAndIsAllQuadsWithUvs() {
    Mesh head = topology.head();
    assertTrue(head.vertexCount() >= 3000, "vertices " + head.vertexCount());
    assertTrue((double) head.quadCount() / head.faceCount() >= 0.95, "quad fraction");
    assertTrue(head.hasUvs());
    // UV seams: more UV coordinates than vertices.
    assertTrue(head.uvs().length / 2 > head.vertexCount());
  }

  @Test
  void everyLandmarkIsValidAndLayoutsHaveTheirSizes() {
    assertEquals(68, topology.landmarks("ibug68").size());
    assertEquals(468, topology.landmarks("mediapipe468").size());
    assertEquals(0, topology.invalidLandmarkCount());
    assertThrows(IllegalArgumentException.class, () -> topology.landmarks("nope"));
  }

  @Test
  void landmarksLieOnTheFaceWhereTheyBelong() {
    float[] p = topology.landmarks("mediapipe468").evaluate(topology.head().positions());
    // Nose tip (4) is the most forward landmark region and on the midline; eye outer corners are left/right.
    assertTrue(Math.abs(p[3 * 4]) < 0.003, "nose tip x " + p[3 * 4]);
    assertTrue(p[3 * 4 + 2] > p[3 * 33 + 2] + 0.01, "nose tip in front of the eyes");
    assertTrue(p[3 * 263] > 0.03 && p[3 * 33] < -0.03, "left eye corner at +x, right at -x");
    // Chin (152) below the mouth (13), mouth below the nose.
    assertTrue(p[3 * 152 + 1] < p[3 * 13 + 1] && p[3 * 13 + 1] < p[3 * 4 + 1]);
    // Symmetric landmarks mirror each other within 3 mm (263 <-> 33, 291 <-> 61).
    assertEquals(-p[3 * 263], p[3 * 33], 0.003);
    assertEquals(-p[3 * 291], p[3 * 61], 0.003);
  }

  @Test
  void mirrorMapIsAnInvolutionThatReflectsX() {
    int[] m = topology.mirror();
    float[] p = topology.head().positions();
    double worst = 0;
    for (int i = 0; i < m.length; i++) {
      assertEquals(i, m[m[i]]);
      worst = Math.max(worst, Math.abs(p[3 * i] + p[3 * m[i]]) + Math.abs(p[3 * i + 1] - p[3 * m[i] + 1]));
    }
    assertTrue(worst < 1e-3, "mirror pairs deviate by " + worst + " m");
  }

  @Test
  void everyRegionIsPresent() {
    Map<Region, Integer> sizes = topology.regionSizes();
    for (Region r : Region.values()) {
      assertTrue(sizes.get(r) > 20, r + " has " + sizes.get(r) + " vertices");
    }
    assertEquals(topology.vertexCount(), sizes.values().stream().mapToInt(Integer::intValue).sum());
  }

  @Test
  void partsAndJointsArePlaced() {
    for (String name : new String[] {"eye.L", "eye.R", "teeth.upper", "teeth.lower", "tongue"}) {
      assertTrue(topology.part(name).isPresent(), name);
    }
    float[] full = topology.neutralFullPositions();
    float[] l = topology.joint("eye.L").orElseThrow().position(full);
    float[] r = topology.joint("eye.R").orElseThrow().position(full);
    // Canonical frame: the eye-joint midpoint is the origin, left eye at +x.
    assertEquals(0, (l[0] + r[0]) / 2, 1e-6);
    assertEquals(0, (l[1] + r[1]) / 2, 1e-6);
    assertTrue(l[0] > 0.02 && l[0] < 0.04);
    float[] jaw = topology.joint("jaw").orElseThrow().position(full);
    float[] neck = topology.joint("neck").orElseThrow().position(full);
    assertTrue(jaw[1] < 0 && neck[1] < jaw[1], "neck below jaw below eyes");
  }

  @Test
  void formatRoundTripIsByteExact() throws IOException {
    byte[] bundled;
    try (InputStream in = ReferenceTopology.class.getResourceAsStream(ReferenceTopology.RESOURCE)) {
      bundled = in.readAllBytes();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ReferenceTopologyFormat.write(topology, out);
    assertArrayEquals(bundled, out.toByteArray());
    ReferenceTopology again = ReferenceTopologyFormat.read(new ByteArrayInputStream(out.toByteArray()));
    assertEquals(topology.head(), again.head());
  }

  @Test
  void corruptResourceIsRejectedWithAMessage() {
    byte[] junk = {31, -117, 8, 0, 0, 0, 0, 0, 0, -1, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    IOException e = assertThrows(IOException.class, () -> ReferenceTopologyFormat.read(new ByteArrayInputStream(junk)));
    assertNotEquals(null, e.getMessage());
  }
}
