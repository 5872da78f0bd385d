package dev.topos.geometry;

import java.util.Arrays;

/**
 * The points of a scan that belong to its body, and the strays: photogrammetry and depth scans
 * carry floating specks, loose points scattered through the volume and detached bits of the
 * surroundings (a stand, a headrest). One stray a metre off would set the scan's size, its top and its
 * bounding box, which the units, the neck crop and the model's frame all read, so strays go first.
 *
 * <p>Scale-free, so that it runs before the units are known: points closer than {@value
 * #LINK_SPACINGS} times the scan's typical spacing (the median distance from a point to its {@value
 * #SPACING_NEIGHBOURS}th nearest neighbour) are linked, and the linked parts are the scan's pieces.
 * The largest piece is the body; another piece is kept when it comes within {@value
 * #NEAR_SHARE_OF_EXTENT} of the body's largest extent of it (a hair shell, shoulders scanned apart,
 * a patch that holes cut off: on the synthetic partial scans such patches lie up to 0.28 of the
 * extent from the rest, {@code tools/diagnostics/stray-points.jsh}), and dropped otherwise; a piece
 * that near with fewer than {@value #MIN_PIECE_SHARE} of the points (and at least {@value
 * #MIN_PIECE_POINTS}) is kept only inside the body's bounding box: a speck there moves neither the
 * box nor the top, which the frame and the crop read, while one outside would (the demo's mesh with
 * 300 specks through a 60 cm box, {@code stray-scans.jsh}: with the box grown by one link, 20 mm,
 * 1.72 / 5.43 mm on seeds 0 / 1; with the box itself 1.89 / 1.72 / 1.58 mm on seeds 0-2, the clean
 * mesh 1.53 / 1.63 / 1.78). Where that would drop more than {@value #MAX_DROPPED_SHARE} of the
 * points, the points are more unevenly spaced than the rule assumes (a dense face and a sparse back of
 * the head, say), and the link distance doubles, up to {@value #WIDENINGS} times.
 *
 * <p>Synthetic scans (4,096 points each) keep nearly all: of the 200 test scans, 3 partial ones lose
 * 6 points (patches of 1-4 points that holes cut off, outside the body's box).
 */
public final class StrayPoints {
  /** The neighbour whose distance measures a point's spacing. */
  public static final int SPACING_NEIGHBOURS = 8;
  /** Link distance, in typical spacings. */
  public static final double LINK_SPACINGS = 3;
  /** How near to the body, as a share of its largest extent, a piece apart from it must come to be kept. */
  public static final double NEAR_SHARE_OF_EXTENT = 0.4;
  /** Fewest points, as a share of the scan's, of a piece near the body that reaches out of the body's box. */
  public static final double MIN_PIECE_SHARE = 0.001;
  /** ... and at least this many. */
  public static final int MIN_PIECE_POINTS = 2;
  /** Largest share of the points the rule may drop before the link distance is widened. */
  public static final double MAX_DROPPED_SHARE = 0.25;
  /** How often the link distance may double. */
  public static final int WIDENINGS = 3;
  /** Points whose spacing is measured (evenly strided through the scan); the median needs no more. */
  static final int SPACING_SAMPLES = 4096;
  /** Scans with fewer points are kept whole: too few to tell a piece from a stray. */
  static final int FEWEST_POINTS = 32;

  private StrayPoints() {}

  /**
   * What {@link #find} decided.
   *
   * @param kept whether each point is kept [N]
   * @param keptCount the number kept
   * @param pieces the pieces the points fell into
   * @param droppedPieces the pieces dropped (every dropped point is in one)
   * @param linkDistance the link distance used, in the points' units (0 when the scan was kept whole unread)
   */
  public record Result(boolean[] kept, int keptCount, int pieces, int droppedPieces, double linkDistance) {
    /** The number of points dropped. */
    public int dropped() {
      return kept.length - keptCount;
    }

    /** The kept points of {@code cloud} (the cloud these results are for), or the cloud itself when none is dropped. */
    public PointCloud apply(PointCloud cloud) {
      if (cloud.size() != kept.length) {
        throw new IllegalArgumentException("a result for " + kept.length + " points applied to " + cloud.size());
      }
      return dropped() == 0 ? cloud : cloud.select(kept);
    }
  }

  /**
   * Finds the strays.
   *
   * @param xyz points [N*3], finite, in any units
   */
  public static Result find(float[] xyz) {
    int n = xyz.length / 3;
    boolean[] all = new boolean[n];
    Arrays.fill(all, true);
    if (n < FEWEST_POINTS) {
      return new Result(all, n, 1, 0, 0);
    }
    KdTree tree = new KdTree(xyz);
    double spacing = typicalSpacing(xyz, tree);
    if (!(spacing > 0)) { // the points coincide, most of them: nothing to link by
      return new Result(all, n, 1, 0, 0);
    }
    double link = LINK_SPACINGS * spacing;
    Result r = null;
    for (int attempt = 0; attempt <= WIDENINGS; attempt++, link *= 2) {
      r = withLink(xyz, tree, link);
      if (r.dropped() <= MAX_DROPPED_SHARE * n) {
        break;
      }
    }
    return r;
  }

  /** The median distance from a point to its {@value #SPACING_NEIGHBOURS}th nearest neighbour, over evenly strided points. */
  static double typicalSpacing(float[] xyz, KdTree tree) {
    int n = xyz.length / 3;
    int stride = Math.max(1, n / SPACING_SAMPLES);
    double[] d2 = new double[SPACING_NEIGHBOURS + 1];
    double[] spacing = new double[(n + stride - 1) / stride];
    int m = 0;
    for (int i = 0; i < n; i += stride) {
      int[] near = tree.kNearest(xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2], SPACING_NEIGHBOURS + 1, d2); // itself first
      spacing[m++] = Math.sqrt(d2[near.length - 1]);
    }
    Arrays.sort(spacing, 0, m);
    return spacing[m / 2];
  }

  private static Result withLink(float[] xyz, KdTree tree, double link) {
    int n = xyz.length / 3;
    int[] piece = new int[n];
    Arrays.fill(piece, -1);
    int[] queue = new int[n];
    int[] sizes = new int[16];
    int pieces = 0;
    for (int seed = 0; seed < n; seed++) {
      if (piece[seed] >= 0) {
        continue;
      }
      if (pieces == sizes.length) {
        sizes = Arrays.copyOf(sizes, 2 * pieces);
      }
      int label = pieces;
      int head = 0;
      int[] tail = {0};
      queue[tail[0]++] = seed;
      piece[seed] = label;
      while (head < tail[0]) { // flood the piece through the links
        int p = queue[head++];
        tree.forEachWithinRadius(xyz[3 * p], xyz[3 * p + 1], xyz[3 * p + 2], link, q -> {
          if (piece[q] < 0) {
            piece[q] = label;
            queue[tail[0]++] = q;
          }
        });
      }
      sizes[pieces++] = tail[0];
    }
    int body = 0;
    for (int c = 1; c < pieces; c++) {
      if (sizes[c] > sizes[body]) {
        body = c;
      }
    }
    boolean[] keepPiece = new boolean[pieces];
    keepPiece[body] = true;
    if (pieces > 1) {
      boolean[] inBody = new boolean[n];
      for (int i = 0; i < n; i++) {
        inBody[i] = piece[i] == body;
      }
      float[] bodyPoints = new PointCloud(xyz, null).select(inBody).positions();
      float[] b = Bounds.of(bodyPoints);
      double near = NEAR_SHARE_OF_EXTENT * Math.max(b[3] - b[0], Math.max(b[4] - b[1], b[5] - b[2]));
      KdTree bodyTree = new KdTree(bodyPoints);
      double near2 = near * near;
      boolean[] nearBody = new boolean[pieces];
      boolean[] outsideBox = new boolean[pieces];
      for (int i = 0; i < n; i++) {
        int c = piece[i];
        if (c == body) {
          continue;
        }
        if (!nearBody[c] && bodyTree.nearestDistanceSquared(xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2]) <= near2) {
          nearBody[c] = true;
        }
        for (int a = 0; a < 3; a++) { // the body's box
          outsideBox[c] |= xyz[3 * i + a] < b[a] || xyz[3 * i + a] > b[3 + a];
        }
      }
      double fewest = Math.max(MIN_PIECE_POINTS, MIN_PIECE_SHARE * n);
      for (int c = 0; c < pieces; c++) {
        keepPiece[c] |= nearBody[c] && (sizes[c] >= fewest || !outsideBox[c]);
      }
    }
    boolean[] kept = new boolean[n];
    int keptCount = 0;
    for (int i = 0; i < n; i++) {
      kept[i] = keepPiece[piece[i]];
      keptCount += kept[i] ? 1 : 0;
    }
    int droppedPieces = 0;
    for (int c = 0; c < pieces; c++) {
      droppedPieces += keepPiece[c] ? 0 : 1;
    }
    return new Result(kept, keptCount, pieces, droppedPieces, link);
  }
}
