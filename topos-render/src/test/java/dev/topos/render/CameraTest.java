package dev.topos.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CameraTest {
  private static final double[] ORIGIN = {0, 0, 0};
  private static final double[] UP = {0, 1, 0};

  @Test
  void lookAtProjectsKnownPoints() {
    // 90 degree vertical fov on 100 px: fy = 50 / tan(45) = 50, principal point (50, 50).
    Camera.Perspective cam = Camera.lookAt(new double[] {0, 0, 2}, ORIGIN, UP, 90, 100, 100);
    assertEquals(50, cam.fx(), 1e-9);
    assertEquals(50, cam.fy(), 1e-9);
    assertArrayEquals(new double[] {50, 50, 2}, cam.project(0, 0, 0), 1e-9);
    // World +X is image right, world +Y is image up: (0.5, 0.5, 0) is at camera (0.5, -0.5, 2).
    assertArrayEquals(new double[] {62.5, 37.5, 2}, cam.project(0.5, 0.5, 0), 1e-9);
    // Nearer points move further from the centre: (0.5, 0, 1) -> u = 50 + 50 * 0.5 / 1.
    assertArrayEquals(new double[] {75, 50, 1}, cam.project(0.5, 0, 1), 1e-9);
    assertArrayEquals(new double[] {0, 0, 2}, cam.pose().eye(), 1e-12);
    assertArrayEquals(new double[] {0, 0, -1}, cam.pose().forward(), 1e-12);
  }

  @Test
  void explicitIntrinsicsAndSideView() {
    Camera.Perspective cam = new Camera.Perspective(500, 400, 320, 240, 640, 480, Pose.identity());
    assertArrayEquals(new double[] {345, 200, 2}, cam.project(0.1, -0.2, 2), 1e-9);
    // From +X looking at the origin, camera right is world -Z.
    Camera.Perspective side = Camera.lookAt(new double[] {2, 0, 0}, ORIGIN, UP, 90, 100, 100);
    assertArrayEquals(new double[] {75, 50, 2}, side.project(0, 0, -1), 1e-9);
  }

  @Test
  void orthographicProjection() {
    // 50 px show 2 m: 25 px per metre.
    Camera.Orthographic cam = Camera.orthographic(new double[] {0, 0, 5}, ORIGIN, UP, 2, 100, 50);
    assertEquals(25, cam.scale(), 1e-12);
    assertArrayEquals(new double[] {75, 12.5, 5}, cam.project(1, 0.5, 0), 1e-9);
    assertArrayEquals(new double[] {75, 12.5, 4}, cam.project(1, 0.5, 1), 1e-9);
  }

  @Test
  void focal35AndScaling() {
    // 3600 x 2400 px over a 36 x 24 mm frame: 100 px per mm, so 50 mm is 5000 px.
    Camera.Perspective cam = Camera.lookAtFocal35(new double[] {0, 0, 2}, ORIGIN, UP, 50, 3600, 2400);
    assertEquals(5000, cam.fx(), 1e-6);
    Camera big = cam.scaled(3);
    double[] a = cam.project(0.1, 0.2, 0.3);
    double[] b = big.project(0.1, 0.2, 0.3);
    assertEquals(3 * a[0], b[0], 1e-9);
    assertEquals(3 * a[1], b[1], 1e-9);
    assertEquals(a[2], b[2], 1e-12);
    assertEquals(90, Camera.lookAt(new double[] {0, 0, 2}, ORIGIN, UP, 90, 10, 10).verticalFovDeg(), 1e-9);
  }
}
