package dev.topos.nn.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.topos.geometry.KdTree;
import dev.topos.synth.dataset.Sample;
import dev.topos.synth.dataset.Split;
import dev.topos.topology.ReferenceTopology;
import dev.topos.topology.Region;
import dev.topos.topology.space.HeadModel;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Face crops of synthetic scans: the face regions, and boxes in front of the face as apps crop. */
class FaceCropTest {

  @Test
  void aBoxKeepsThePointsInFrontOfTheNoseTipAndADeeperBoxKeepsMore() {
    ReferenceTopology topology = ReferenceTopology.loadBundled();
    Region[] regions = topology.regions();
    int v = topology.head().vertexCount();
    List<Sample> tests = SyntheticSplits.first(SyntheticSplits.generator(HeadModel.loadBundled()), Split.TEST, 2);
    for (Sample s : tests) {
      float[] truth = Arrays.copyOf(s.vertices(), 3 * v);
      float[] p = s.scanPoints();
      int n = p.length / 3;
      int nose = -1;
      for (int i = 0; i < v; i++) {
        if (regions[i] == Region.NOSE && (nose < 0 || truth[3 * i + 2] > truth[3 * nose + 2])) {
          nose = i;
        }
      }
      int tip = new KdTree(p).nearest(truth[3 * nose], truth[3 * nose + 1], truth[3 * nose + 2]);
      boolean[] five = FaceCrop.box(0.05).keep(p, truth, regions);
      boolean[] seven = FaceCrop.box(0.07).keep(p, truth, regions);
      boolean[] face = FaceCrop.REGIONS.keep(p, truth, regions);
      assertTrue(five[tip] && seven[tip] && face[tip], "every crop keeps the nose tip");
      int kept5 = 0;
      int kept7 = 0;
      int keptFace = 0;
      for (int i = 0; i < n; i++) {
        if (five[i]) {
          kept5++;
          assertTrue(seven[i], "a deeper box keeps what a shallower one keeps");
          assertTrue(p[3 * i + 2] > p[3 * tip + 2] - 0.05 && p[3 * i + 1] > p[3 * tip + 1] - FaceCrop.BELOW_TIP
              && p[3 * i + 1] < p[3 * tip + 1] + FaceCrop.ABOVE_TIP, "point " + i + " lies in the box");
        }
        kept7 += seven[i] ? 1 : 0;
        if (face[i]) {
          keptFace++;
          float dx = p[3 * i] - p[3 * tip];
          float dy = p[3 * i + 1] - p[3 * tip + 1];
          float dz = p[3 * i + 2] - p[3 * tip + 2];
          assertTrue(Math.sqrt(dx * dx + dy * dy + dz * dz) < 0.16, "a face-region point lies on the face, not behind it: " + i);
        }
      }
      assertTrue(kept5 > 0.05 * n && kept5 < kept7 && kept7 < 0.6 * n, "5 cm box " + kept5 + ", 7 cm " + kept7 + " of " + n);
      assertTrue(keptFace > 0.05 * n && keptFace < 0.6 * n, "face regions " + keptFace + " of " + n);
      VaeExample boxed = VaeExample.ofFaceOnly(s, topology.head(), regions, FaceCrop.box(0.05));
      assertEquals(kept5, boxed.pointCount());
    }
  }

  @Test
  void namesAndBadDepths() {
    assertEquals("box 5 cm deep", FaceCrop.box(0.05).describe());
    assertEquals("box 7.5 cm deep", FaceCrop.box(0.075).describe());
    assertEquals("face regions", FaceCrop.REGIONS.describe());
    assertThrows(IllegalArgumentException.class, () -> FaceCrop.box(0));
    assertThrows(IllegalArgumentException.class, () -> new FaceCrop(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> new FaceCrop(-0.01));
  }
}
