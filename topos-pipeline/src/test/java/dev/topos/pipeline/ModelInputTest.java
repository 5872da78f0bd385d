package dev.topos.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.topos.geometry.KdTree;
import dev.topos.geometry.PointCloud;
import dev.topos.geometry.SurfaceSampler;
import dev.topos.nn.vae.NormalSigns;
import dev.topos.nn.vae.Retopologizer;
import dev.topos.nn.vae.ShippedWeights;
import dev.topos.nn.vae.TopoVae;
import dev.topos.pipeline.ScanRetopologizer.Options;
import dev.topos.pipeline.ScanRetopologizer.PreparedScan;
import dev.topos.topology.ReferenceTopology;
import dev.topos.topology.Region;
import dev.topos.topology.fit.ScanPose;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The answer that {@link ModelInput} hands on is the one the fitter would make for the scan as it
 * finally stands, and only that fitter's; where the scan changed after the answer was made, there is none.
 */
class ModelInputTest {
  static ReferenceTopology topology;
  static TopoVae vae;
  static Retopologizer calibrated;
  static ScanLeveling leveling;
  static PointCloud upright; // the reference head's surface: metres, +Y up, face along +Z
  static PointCloud turned; // the same, turned 18 degrees aside and 6 of nod

  @BeforeAll
  static void build() throws Exception {
    topology = ReferenceTopology.loadBundled();
    vae = ShippedWeights.load(null, topology.head());
    calibrated = new Retopologizer(vae, topology.regions()).withCalibration(ShippedWeights.loadCalibration(null));
    leveling = new ScanLeveling(topology, ShippedWeights.loadPoseCorrection(null));
    upright = new SurfaceSampler(topology.head()).samplePoints(4096, 3, SurfaceSampler.NormalMode.INTERPOLATED);
    ScanPose pose = ScanPose.turned(6, 18, new double[] {0.01, 1.58, 0.0});
    ScanPose direction = ScanPose.turned(6, 18, new double[3]);
    turned = new PointCloud(pose.unlevel(upright.positions()), direction.unlevel(upright.normals()));
  }

  @AfterAll
  static void close() {
    vae.close();
  }

  private static ModelInput input(PointCloud scan, boolean withNormals) {
    PreparedScan prepared = ScanRetopologizer.prepare(withNormals ? scan : new PointCloud(scan.positions(), null),
        Options.DEFAULT.withSeed(5));
    assertTrue(prepared.normalsEstimated() != withNormals);
    return ModelInput.of(prepared.example(), prepared.estimatedFrom(), calibrated, calibrated, leveling, topology.head(), 5);
  }

  @Test
  void anUprightScanWithNormalsKeepsTheCheckOfItsNormalsAsItsAnswer() {
    ModelInput in = input(upright, true);
    assertTrue(in.pose().isUpright());
    assertNotNull(in.feedForwardBy(calibrated));
    assertArrayEquals(calibrated.feedForward(in.scan(), 5).positions(), in.feedForwardBy(calibrated).positions());
    assertNull(in.feedForwardBy(calibrated.withoutCalibration())); // another model's answer would differ
  }

  @Test
  void aLevelledScanWithNormalsKeepsTheLevellingsAnswer() {
    ModelInput in = input(turned, true);
    assertFalse(in.pose().isUpright());
    assertArrayEquals(calibrated.feedForward(in.scan(), 5).positions(), in.feedForwardBy(calibrated).positions());
  }

  /**
   * A sparse estimate (the reference head's 4,096 points) has its ears' normals taken from the decoded
   * head; a dense one keeps its own: the two differ on some points, and those lie on the ears.
   */
  @Test
  void theEarsAreTakenFromTheHeadForSparseEstimatesOnly() {
    PreparedScan prepared = ScanRetopologizer.prepare(new PointCloud(upright.positions(), null), Options.DEFAULT.withSeed(5));
    assertTrue(prepared.estimatedFrom() > 0 && prepared.estimatedFrom() < NormalSigns.RESOLVING_POINTS);
    float[] sparse = NormalSigns.fromModel(calibrated, topology.head(), prepared.example(), 5, NormalSigns.PASSES,
        prepared.estimatedFrom()).scanNormals();
    float[] dense = NormalSigns.fromModel(calibrated, topology.head(), prepared.example(), 5, NormalSigns.PASSES,
        NormalSigns.RESOLVING_POINTS).scanNormals();
    float[] metres = prepared.example().frame().fromUnit(prepared.example().scanUnitPositions()); // [P*3]
    KdTree vertices = new KdTree(topology.head().positions());
    int differ = 0;
    int onEars = 0;
    for (int p = 0; p < sparse.length / 3; p++) {
      if (sparse[3 * p] != dense[3 * p] || sparse[3 * p + 1] != dense[3 * p + 1] || sparse[3 * p + 2] != dense[3 * p + 2]) {
        differ++;
        int v = vertices.kNearest(metres[3 * p], metres[3 * p + 1], metres[3 * p + 2], 1)[0];
        onEars += topology.regions()[v] == Region.EARS ? 1 : 0;
      }
    }
    assertTrue(differ > 10, "differ " + differ);
    assertTrue(onEars >= 0.9 * differ, onEars + " of " + differ + " on the ears");
  }

  @Test
  void aLevelledScanWithoutNormalsHasItsSignsSetAgainAndNoAnswer() {
    ModelInput in = input(turned, false);
    assertFalse(in.pose().isUpright());
    assertNull(in.feedForwardBy(calibrated)); // the signs changed after the levelling's answer
  }
}
