package dev.topos.nn.vae;

import dev.topos.geometry.KdTree;
import dev.topos.topology.Region;
import dev.topos.topology.pyramid.FaceScanFrame;

/**
 * How a synthetic scan is cropped to the face, to evaluate {@code retopo --face-only}: to the face
 * regions of the true head (the scan points whose nearest true vertex lies in {@link
 * FaceScanFrame#REGIONS}), or as a phone app crops a face capture, by a box in front of the face: the
 * points less than {@code boxDepthMetres} behind the nose tip (the scan point nearest the true nose's
 * frontmost vertex), from {@value #BELOW_TIP} m below the tip to {@value #ABOVE_TIP} m above it, at
 * any width. Scans are in the canonical frame (metres, +Y up, the face along +Z).
 *
 * @param boxDepthMetres the box's depth behind the nose tip; 0 for the face regions
 */
public record FaceCrop(double boxDepthMetres) {
  /** The face regions of the true head. */
  public static final FaceCrop REGIONS = new FaceCrop(0);
  /** How far below the nose tip a box reaches: below the chin. */
  public static final double BELOW_TIP = 0.08;
  /** How far above the nose tip a box reaches: past the hairline. */
  public static final double ABOVE_TIP = 0.09;

  public FaceCrop {
    if (!(boxDepthMetres >= 0) || Double.isInfinite(boxDepthMetres)) {
      throw new IllegalArgumentException("a face box's depth must be a finite length of at least 0, not " + boxDepthMetres);
    }
  }

  /** A box {@code depthMetres} deep in front of the face. */
  public static FaceCrop box(double depthMetres) {
    if (!(depthMetres > 0)) {
      throw new IllegalArgumentException("a face box's depth must be positive, not " + depthMetres);
    }
    return new FaceCrop(depthMetres);
  }

  public boolean isBox() {
    return boxDepthMetres > 0;
  }

  /** "face regions", or "box 5 cm deep". */
  public String describe() {
    return isBox() ? String.format(java.util.Locale.ROOT, "box %s cm deep", trim(100 * boxDepthMetres)) : "face regions";
  }

  private static String trim(double cm) { // to 0.1 mm, without trailing zeros: 100 * 0.05 is 5.000000000000001
    return java.math.BigDecimal.valueOf(Math.round(cm * 100) / 100.0).stripTrailingZeros().toPlainString();
  }

  /**
   * Which scan points the crop keeps.
   *
   * @param points scan points [P*3], metres, canonical frame
   * @param truth the true head's vertices [V*3] in the same frame
   * @param regions the region of each reference vertex
   */
  public boolean[] keep(float[] points, float[] truth, Region[] regions) {
    int p = points.length / 3;
    boolean[] keep = new boolean[p];
    if (!isBox()) {
      KdTree nearestVertex = new KdTree(truth);
      boolean[] face = FaceScanFrame.faceVertices(regions);
      for (int i = 0; i < p; i++) {
        keep[i] = face[nearestVertex.nearest(points[3 * i], points[3 * i + 1], points[3 * i + 2])];
      }
      return keep;
    }
    int nose = -1; // the true nose's frontmost vertex
    for (int v = 0; v < regions.length; v++) {
      if (regions[v] == Region.NOSE && (nose < 0 || truth[3 * v + 2] > truth[3 * nose + 2])) {
        nose = v;
      }
    }
    if (nose < 0) {
      throw new IllegalArgumentException("the reference regions have no nose");
    }
    int tip = new KdTree(points).nearest(truth[3 * nose], truth[3 * nose + 1], truth[3 * nose + 2]);
    float front = points[3 * tip + 2];
    float y = points[3 * tip + 1];
    for (int i = 0; i < p; i++) {
      keep[i] = points[3 * i + 2] > front - boxDepthMetres && points[3 * i + 1] > y - BELOW_TIP && points[3 * i + 1] < y + ABOVE_TIP;
    }
    return keep;
  }
}
