package dev.topos.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class QuickSelectTest {

  @Test
  void kthSmallestMatchesTheSortedArrayAndLeavesTheInputAlone() {
    SplittableRandom rng = new SplittableRandom(3);
    double[] values = new double[1001];
    for (int i = 0; i < values.length; i++) {
      values[i] = Math.floor(rng.nextDouble() * 50); // many ties, as on grid-like scans
    }
    double[] before = values.clone();
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    for (int k : new int[] {0, 1, 250, 500, 999, 1000}) {
      assertEquals(sorted[k], QuickSelect.kthSmallest(values, k), 0, "k = " + k);
    }
    assertArrayEquals(before, values, 0);
  }

  @Test
  void kOutsideTheArrayIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> QuickSelect.kthSmallest(new double[] {1, 2}, 2));
    assertThrows(IllegalArgumentException.class, () -> QuickSelect.kthSmallest(new double[0], 0));
  }
}
