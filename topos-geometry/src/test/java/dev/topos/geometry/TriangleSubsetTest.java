package dev.topos.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class TriangleSubsetTest {
  @Test
  void keepsTheTrianglesWhoseThreeCornersAreKeptInOrder() {
    int[] triangles = {0, 1, 2, 1, 2, 3, 2, 3, 4, 0, 2, 4};
    assertArrayEquals(new int[] {0, 1, 2, 0, 2, 4}, TriangleSubset.within(triangles, new boolean[] {true, true, true, false, true}));
    assertArrayEquals(new int[] {1, 2, 3}, TriangleSubset.within(triangles, new boolean[] {false, true, true, true, false}));
    assertArrayEquals(new int[0], TriangleSubset.within(triangles, new boolean[] {true, true, false, true, true}));
  }
}
