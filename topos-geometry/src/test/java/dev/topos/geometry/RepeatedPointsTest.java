package dev.topos.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class RepeatedPointsTest {
  @Test
  void eachPositionIsKeptOnceTheFirstWithItsNormal() {
    float[] p = {0, 0, 0, 1, 2, 3, 0, 0, 0, 1, 2, 3.0001f, -0f, 0, 0, 1, 2, 3};
    float[] n = {1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 1, 0, 1, 0, 1, 0, 0};
    PointCloud once = RepeatedPoints.drop(new PointCloud(p, n));
    assertArrayEquals(new float[] {0, 0, 0, 1, 2, 3, 1, 2, 3.0001f}, once.positions()); // -0 is 0
    assertArrayEquals(new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, once.normals());
  }

  @Test
  void aCloudWithoutRepeatsIsReturnedAsItIs() {
    PointCloud c = new PointCloud(StrayPointsTest.sphere(5000, 0.1, 3), null);
    assertSame(c, RepeatedPoints.drop(c));
    assertEquals(0, RepeatedPoints.drop(new PointCloud(new float[0], null)).size());
  }
}
