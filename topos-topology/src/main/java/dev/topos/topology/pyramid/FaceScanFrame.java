package dev.topos.topology.pyramid;

import dev.topos.geometry.Similarity;
import dev.topos.topology.Region;
import java.util.Set;

/**
 * The VAE frame for a scan of the face alone (a phone's depth capture or a face mask: forehead to
 * chin, cheek to cheek, no scalp, ears or neck).
 *
 * <p>Why: the model was trained on scans of the whole head, whose frame ({@link VaeFrame#of}, the
 * scan's bounding box) has its centre inside the head. The bounding box of a face alone is a third
 * smaller and its centre lies just behind the face, so in that frame the model squeezes a whole head
 * into the face: validation heads 0-15 with their scans cropped to the face came out at 27 mm mean
 * per-vertex error, 15 mm on the face itself (session 10, {@code tools/diagnostics/face-only.jsh}).
 * This frame guesses where the whole head's frame would be instead: the face's own frame grown by
 * {@link #SCALE_RATIO} and its centre moved back ({@link #BACK}) and down ({@link #DOWN}), in units of
 * the face's own scale.
 *
 * <p>The three numbers are the medians over training heads 0-199 of the whole scan's frame against
 * the frame of the same scan cropped to the points nearest the face (lips, eye sockets, nose and the
 * rest of the face): {@code tools/diagnostics/run.sh tools/diagnostics/face-frame.jsh data first=0
 * n=200 split=train} (scale ratio median 1.418, sd 0.209; centre offsets -0.116 and -0.493 of the
 * crop's scale, sd 0.124 and 0.098; sideways 0.000). A real face scan that reaches further (ears,
 * hairline, neck) makes the guessed head too big; the scan should be cropped like the training one.
 */
public final class FaceScanFrame {
  /** The whole head's frame scale over the face's. */
  public static final double SCALE_RATIO = 1.418;
  /** How far the whole head's centre lies behind the face's (-Z), in units of the face's scale. */
  public static final double BACK = 0.493;
  /** How far the whole head's centre lies below the face's (-Y), in units of the face's scale. */
  public static final double DOWN = 0.116;

  /** The regions a face scan shows, and the only ones its points should be matched to. */
  public static final Set<Region> REGIONS = Set.of(Region.LIPS, Region.EYE_SOCKETS, Region.NOSE, Region.FACE);

  /** Which reference vertices lie in {@link #REGIONS}, from the region of each: [V]. */
  public static boolean[] faceVertices(Region[] regions) {
    boolean[] face = new boolean[regions.length];
    for (int v = 0; v < regions.length; v++) {
      face[v] = REGIONS.contains(regions[v]);
    }
    return face;
  }

  /**
   * Where the whole head's frame lies in the coordinates of the mean head fitted to a face scan
   * ({@link #ofMeanHead}): its centre (metres, head frame) and scale (metres per unit of the fit's
   * scale). Medians over training heads 0-199, their scans cropped to the face regions, of the whole
   * scan's frame read back through the fitted similarity: {@code tools/diagnostics/run.sh
   * tools/diagnostics/face-frame-fit.jsh data fitN=200} (session 21).
   */
  public static final double MEAN_HEAD_CX = 0.0001;
  public static final double MEAN_HEAD_CY = -0.0222;
  public static final double MEAN_HEAD_CZ = -0.0631;
  public static final double MEAN_HEAD_SCALE = 0.1531;

  private FaceScanFrame() {}

  /**
   * The frame the whole head's scan would have had, from the mean head fitted to the face scan: unlike
   * {@link #of}, it does not depend on how far the crop reaches (session 21: test scans cropped by a box
   * 5 cm deep in front of the face, 7.7 mm mean error on the face in {@link #of}'s frame, 4.5 mm in this).
   *
   * @param meanHeadToScan the similarity placing the mean head on the scan
   *     ({@link dev.topos.topology.fit.MeanHeadFit#align}), canonical head frame, metres
   */
  public static VaeFrame ofMeanHead(Similarity meanHeadToScan) {
    double[] c = meanHeadToScan.apply(new double[] {MEAN_HEAD_CX, MEAN_HEAD_CY, MEAN_HEAD_CZ});
    return new VaeFrame(c[0], c[1], c[2], MEAN_HEAD_SCALE * meanHeadToScan.scale());
  }

  /**
   * @param xyz the face scan's points [P*3] in the canonical head frame (+Y up, face along +Z), metres
   * @return the frame the whole head's scan would have had
   */
  public static VaeFrame of(float[] xyz) {
    VaeFrame face = VaeFrame.of(xyz);
    double s = face.scale();
    return new VaeFrame(face.cx(), face.cy() - DOWN * s, face.cz() - BACK * s, SCALE_RATIO * s);
  }
}
