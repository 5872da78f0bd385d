package dev.topos.nn.vae;

import dev.topos.geometry.KdTree;
import dev.topos.geometry.Similarity;
import dev.topos.topology.Region;
import dev.topos.topology.fit.MeanHeadFit;
import dev.topos.topology.pyramid.FaceScanFrame;
import dev.topos.topology.pyramid.VaeFrame;
import java.util.Arrays;

/**
 * The frame a scan of the face alone is read in. The model was trained on whole heads, so it must read
 * a face where the whole head's scan would lie, and that frame has to be guessed. Two guesses:
 * {@link FaceScanFrame#of} grows the crop's own bounding box by fixed ratios, which is right for crops
 * like the training ones (the face regions) and wrong when the crop reaches less or further (a box in
 * front of the face, as apps crop); {@link FaceScanFrame#ofMeanHead} reads it off the mean head fitted
 * to the scan, which does not depend on the crop but sometimes fits wrongly. Each is decoded, and the one
 * whose head explains the scan's points better (the mean distance to the head's face vertices, each
 * capped at {@value #CAP_METRES} m) is kept. Session 21, {@code tools/diagnostics/face-frame-fit.jsh},
 * test scans 0-31, mean error on the face, mm: crops to the face regions 3.35 in the first frame, 2.90
 * chosen; boxes 5 cm deep 7.72 and 4.68; 7 cm deep 5.20 and 4.30.
 */
public final class FaceFrameChoice {
  /** A point farther from the head's face than this counts this far (hair, a neck: nothing to explain). */
  public static final double CAP_METRES = 0.010;

  private final MeanHeadFit meanHead;
  private final boolean[] face;

  /**
   * @param meanHead the mean head's fit (its topology's head)
   * @param regions the region of each reference vertex
   */
  public FaceFrameChoice(MeanHeadFit meanHead, Region[] regions) {
    this.meanHead = meanHead;
    this.face = FaceScanFrame.faceVertices(regions);
  }

  /**
   * The face scan in the frame that explains it better.
   *
   * @param faceFitter what reads face scans ({@link Retopologizer#forFaceScans}); its network's answer decides
   * @param scan the face scan in {@link FaceScanFrame#of}'s frame
   * @param seed the encoder's point subsets
   * @return {@code scan} itself or {@code scan} in the mean head's frame
   */
  public VaeExample choose(Retopologizer faceFitter, VaeExample scan, long seed) {
    Similarity placed;
    try {
      placed = meanHead.align(scan.scanCloud());
    } catch (IllegalArgumentException tooFewPoints) {
      return scan;
    }
    VaeExample other = scan.inFrame(FaceScanFrame.ofMeanHead(placed));
    float[] points = scan.scanMetres(); // [P*3]
    return unexplained(faceFitter, other, points, seed) < unexplained(faceFitter, scan, points, seed) ? other : scan;
  }

  /** The mean distance (metres) from the points [P*3] to the face vertices of the head decoded in the example's frame, each capped. */
  private double unexplained(Retopologizer faceFitter, VaeExample scan, float[] points, long seed) {
    float[] head = scan.frame().fromUnit(faceFitter.encodeDecode(scan, seed).positions()); // [V*3] metres
    float[] faceVertices = new float[head.length];
    int k = 0;
    for (int v = 0; v < face.length; v++) {
      if (face[v]) {
        System.arraycopy(head, 3 * v, faceVertices, 3 * k, 3);
        k++;
      }
    }
    KdTree tree = new KdTree(Arrays.copyOf(faceVertices, 3 * k));
    double sum = 0;
    int n = points.length / 3;
    for (int i = 0; i < n; i++) {
      sum += Math.min(Math.sqrt(tree.nearestDistanceSquared(points[3 * i], points[3 * i + 1], points[3 * i + 2])), CAP_METRES);
    }
    return sum / n;
  }
}
