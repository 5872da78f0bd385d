package dev.topos.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.topos.geometry.PointCloud;
import dev.topos.geometry.SurfaceSampler;
import dev.topos.nn.vae.Retopologizer;
import dev.topos.nn.vae.ShippedWeights;
import dev.topos.nn.vae.TopoVae;
import dev.topos.pipeline.ScanRetopologizer.Options;
import dev.topos.pipeline.ScanRetopologizer.PreparedScan;
import dev.topos.topology.ReferenceTopology;
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
    return ModelInput.of(prepared.example(), prepared.normalsEstimated(), calibrated, calibrated, leveling, topology.head(), 5);
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

  @Test
  void aLevelledScanWithoutNormalsHasItsSignsSetAgainAndNoAnswer() {
    ModelInput in = input(turned, false);
    assertFalse(in.pose().isUpright());
    assertNull(in.feedForwardBy(calibrated)); // the signs changed after the levelling's answer
  }
}
