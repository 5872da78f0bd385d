package dev.topos.topology.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.topos.geometry.PointCloud;
import dev.topos.topology.scan.Axis;
import dev.topos.topology.scan.ScanConditioning;
import dev.topos.topology.scan.Units;
import org.junit.jupiter.api.Test;

class ScanPoseTest {
  @Test
  void levellingAndTurningBackGiveThePointsBackAndKeepNormalsUnit() {
    ScanPose pose = ScanPose.turned(12, -20, new double[] {0.01, 1.6, -0.02});
    float[] points = {0.05f, 1.7f, 0.08f, -0.07f, 1.5f, 0.0f, 0f, 0f, 0f};
    float[] back = pose.unlevel(pose.level(points));
    for (int i = 0; i < points.length; i++) {
      assertEquals(points[i], back[i], 1e-6);
    }
    // The pivot stays; a turn keeps distances.
    assertArrayEquals(new float[] {0.01f, 1.6f, -0.02f}, pose.level(new float[] {0.01f, 1.6f, -0.02f}), 1e-6f);
    float[] n = pose.levelDirections(new float[] {0, 0, 1, 0, 0, 0});
    assertEquals(1, Math.sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]), 1e-6);
    assertArrayEquals(new float[] {0, 0, 0}, java.util.Arrays.copyOfRange(n, 3, 6)); // no direction stays none
    assertEquals(Math.toDegrees(Math.acos((Math.cos(Math.toRadians(12)) * Math.cos(Math.toRadians(20))
        + Math.cos(Math.toRadians(12)) + Math.cos(Math.toRadians(20)) - 1) / 2)), pose.angleDegrees(), 1e-9);
    // A look aside turns the face (+Z) towards +X, a nod turns it down (chin down).
    assertArrayEquals(new float[] {1, 0, 0}, ScanPose.turned(0, 90, new double[3]).unlevel(new float[] {0, 0, 1}), 1e-6f);
    assertArrayEquals(new float[] {0, -1, 0}, ScanPose.turned(90, 0, new double[3]).unlevel(new float[] {0, 0, 1}), 1e-6f);
    assertEquals(20, ScanPose.turned(0, 15, new double[3]).degreesFrom(ScanPose.turned(0, -5, new double[3])), 1e-9);
    // Levelling undoes the turn, for directions too: a face turned to +X looks along +Z again.
    assertArrayEquals(new float[] {0, 0, 1}, ScanPose.turned(0, 90, new double[3]).levelDirections(new float[] {1, 0, 0}), 1e-6f);
    assertTrue(ScanPose.upright().isUpright());
    assertEquals(0, ScanPose.upright().angleDegrees());
    assertFalse(pose.isUpright());
  }

  /**
   * A pose's rotation vector gives its rotation back ({@link ScanPose#turnedBy} from upright), and
   * what is left after levelling by an estimate ({@link ScanPose#leftAfter}) turns that estimate into
   * the truth: the pose correction's target and how it is applied.
   */
  @Test
  void rotationVectorsComposeAsTheCorrectionNeeds() {
    ScanPose truth = ScanPose.turned(8, -15, 5, new double[] {0.01, 1.6, 0.0});
    ScanPose estimate = ScanPose.turned(11, -13, 3, new double[] {0.0, 1.62, 0.01});
    assertArrayEquals(truth.rotation(), ScanPose.upright().turnedBy(truth.rotationVectorDegrees()).rotation(), 1e-12);
    double[] left = truth.leftAfter(estimate).rotationVectorDegrees();
    ScanPose corrected = estimate.turnedBy(left);
    assertEquals(0, corrected.degreesFrom(truth), 1e-6);
    assertArrayEquals(estimate.pivot(), corrected.pivot()); // the estimate's pivot kept
    // the vector's length is the angle; its direction the axis: a pure look aside is about +Y
    double[] yaw = ScanPose.turned(0, 20, new double[3]).rotationVectorDegrees();
    assertArrayEquals(new double[] {0, 20, 0}, yaw, 1e-9);
    assertArrayEquals(new double[] {0, 0, 0}, ScanPose.upright().rotationVectorDegrees(), 0);
    assertEquals(3, left.length);
    double angle = Math.sqrt(left[0] * left[0] + left[1] * left[1] + left[2] * left[2]);
    assertEquals(truth.degreesFrom(estimate), angle, 1e-9);
    // a roll tips the top of the head towards -X for +
    assertArrayEquals(new float[] {-1, 0, 0}, ScanPose.turned(0, 0, 90, new double[3]).unlevel(new float[] {0, 1, 0}), 1e-6f);
    // unlevelDirections undoes levelDirections
    float[] n = {0.6f, 0.0f, 0.8f};
    assertArrayEquals(n, truth.unlevelDirections(truth.levelDirections(n)), 1e-6f);
  }

  /**
   * The reference head turned by 10 degrees of nod and 15 of look-aside about a point off its
   * centre: the estimate finds the turn within half a degree (the mean head is the head itself here;
   * a real head's shape costs about 3 degrees, see {@link ScanPose#estimate}), and levelling puts its
   * vertices back within a millimetre.
   */
  @Test
  void estimatesTheTurnOfTheReferenceHead() {
    float[] reference = FitFixtures.model().topology().head().positions();
    float[] normals = FitFixtures.model().topology().head().vertexNormals();
    ScanPose truth = ScanPose.turned(10, 15, new double[] {0.02, 1.55, 0.01});
    float[] turned = truth.unlevel(reference);
    float[] turnedNormals = ScanPose.turned(10, 15, new double[3]).unlevel(normals);
    ScanConditioning.Result scan = ScanConditioning.apply(turned, turnedNormals, Axis.PY, Axis.PZ, Units.M);
    ScanPose pose = ScanPose.estimate(FitFixtures.mean(), new PointCloud(scan.positions(), scan.normals()));
    double off = pose.degreesFrom(truth);
    assertTrue(off < 0.5, "estimate " + pose + " is " + off + " degrees off");
    float[] levelled = pose.level(scan.positions());
    double worst = 0;
    for (int v = 0; v < reference.length / 3; v++) { // levelled about another pivot: compare shapes about their centroids
      double d2 = 0;
      for (int c = 0; c < 3; c++) {
        double d = (levelled[3 * v + c] - centroid(levelled)[c]) - (reference[3 * v + c] - centroid(reference)[c]);
        d2 += d * d;
      }
      worst = Math.max(worst, Math.sqrt(d2));
    }
    assertTrue(worst < 0.001, "levelled head off by " + worst * 1000 + " mm at worst");
  }

  private static double[] centroid(float[] xyz) {
    double[] c = new double[3];
    for (int i = 0; i < xyz.length; i++) {
      c[i % 3] += xyz[i] / (xyz.length / 3.0);
    }
    return c;
  }

}
