package dev.topos.topology.pyramid;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * How a {@link GraphPyramid} is cut: the finest grid cell and the number of levels, plus the range
 * of coarsest-level sizes the preset promises on the bundled reference head (a test holds it to
 * that range, so a change of the head or of the clustering that moves the coarse level is noticed).
 *
 * @param cell0 edge of the finest grid cell, in unit-frame units (the unit ball spans 2); level k
 *     (k &ge; 1) clusters by cells of {@code cell0 * 2^k}
 * @param depth index of the coarsest level (levels 0..depth; level 0 is every vertex)
 * @param coarseMin smallest coarsest-level node count the preset promises on the reference head
 * @param coarseMax largest such count
 */
public record PyramidSpec(double cell0, int depth, int coarseMin, int coarseMax) {

  public PyramidSpec {
    if (!(cell0 > 0) || cell0 > 2) {
      throw new IllegalArgumentException("cell0 must be in (0, 2], got " + cell0);
    }
    if (depth < 0 || depth > 20) {
      throw new IllegalArgumentException("depth must be in 0..20, got " + depth);
    }
    if (coarseMin < 1 || coarseMax < coarseMin) {
      throw new IllegalArgumentException("bad coarse range " + coarseMin + ".." + coarseMax);
    }
  }

  /**
   * The paper's pyramid scaled to our head: their finest cell is 2/256 on a 24k-vertex head with
   * 1,513 coarse nodes (about one per 16 vertices); our head has 4,368 vertices, so the cell is
   * doubled (2/128) and three levels above the vertices give 542 coarse nodes, about one per 8
   * vertices (level sizes 4368, 2585, 1415, 542).
   */
  public static PyramidSpec paper() {
    return new PyramidSpec(2.0 / 128, 3, 500, 600);
  }

  /**
   * Larger cells (2/96, three levels: 4368, 2059, 1003, 323 nodes) so that the encoder's
   * cross-attention, which scales with the coarse node count, stays cheap on 2 CPU cores.
   */
  public static PyramidSpec cpuSmall() {
    return new PyramidSpec(2.0 / 96, 3, 280, 360);
  }

  /** The named presets, in the order a command line lists them. */
  public static final Map<String, Supplier<PyramidSpec>> PRESETS = presets();

  private static Map<String, Supplier<PyramidSpec>> presets() {
    Map<String, Supplier<PyramidSpec>> m = new LinkedHashMap<>();
    m.put("cpu-small", PyramidSpec::cpuSmall);
    m.put("paper", PyramidSpec::paper);
    return Collections.unmodifiableMap(m);
  }
}
