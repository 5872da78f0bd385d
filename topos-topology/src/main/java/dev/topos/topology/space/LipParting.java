package dev.topos.topology.space;

import dev.topos.geometry.SelfIntersection;

/**
 * Parts lips that press into each other, by the rule the head prior uses ({@link HeadModel#sample}):
 * the smallest weight of MakeHuman's "mouth-open" expression unit, in steps of 0.03 up to 0.3,
 * whose displacement clears every self-intersection of the head surface. For heads that did not
 * come from the prior (decoded, interpolated or fitted ones): their closed lips are as close as
 * the prior's, so errors of a millimetre push them through each other.
 *
 * <p>The displacement is the unit's target averaged over MakeHuman's three race variants (they
 * differ little), on the head vertices, in metres; it is added as is, so the head must be at
 * about real scale, +Y up and facing +Z (the topos frame; any translation).
 */
public final class LipParting {
  private final float[] openDirection; // [V*3] mouth-open displacement at weight 1
  private final int[] triangles;

  /**
   * What happened to one head.
   *
   * @param positions the head vertices [V*3], parted (the input array itself when nothing was done)
   * @param weight the "mouth-open" weight added (0 when the head did not intersect itself)
   * @param intersectionsBefore self-intersecting triangle pairs before
   * @param intersectionsAfter pairs after (0 unless even the largest parting did not clear them)
   */
  public record Result(float[] positions, double weight, long intersectionsBefore, long intersectionsAfter) {}

  public LipParting(HeadModel model) {
    int v = model.topology().vertexCount();
    float[] full = new float[3 * model.topology().fullVertexCount()];
    for (String race : HeadModel.RACES) {
      ShapeTarget t = model.space().targets().get("expression/" + race + "/" + HeadModel.LIP_UNIT);
      if (t != null) {
        t.addTo(full, 1f / HeadModel.RACES.length);
      }
    }
    this.openDirection = java.util.Arrays.copyOf(full, 3 * v);
    this.triangles = model.topology().head().triangles();
  }

  /** The "mouth-open" displacement at weight 1, [V*3] (a copy). */
  float[] openDirection() {
    return openDirection.clone();
  }

  /** Parts the lips of a head [V*3] when its surface intersects itself; see the class javadoc. */
  public Result part(float[] headPositions) {
    if (headPositions.length != openDirection.length) {
      throw new IllegalArgumentException("expected " + openDirection.length / 3 + " head vertices, got " + headPositions.length / 3);
    }
    long before = SelfIntersection.find(headPositions, triangles, 0).count();
    if (before == 0) {
      return new Result(headPositions, 0, 0, 0);
    }
    float[] parted = new float[headPositions.length];
    long after = before;
    double weight = 0;
    for (int k = 1; after > 0 && k * HeadModel.LIP_STEP <= HeadModel.MAX_LIP_PARTING + 1e-9; k++) {
      weight = k * HeadModel.LIP_STEP;
      for (int i = 0; i < parted.length; i++) {
        parted[i] = (float) (headPositions[i] + weight * openDirection[i]);
      }
      after = SelfIntersection.find(parted, triangles, 0).count();
    }
    return new Result(parted, weight, before, after);
  }
}
