package dev.topos.nn.vae;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.topos.geometry.KdTree;
import dev.topos.nn.Scope;
import dev.topos.topology.Region;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Scan in, reference topology out: encodes a prepared scan ({@link VaeExample#ofScan}), decodes it,
 * and optionally refines the latent so the decoded surface lies on the scan ({@code --refine},
 * beyond the paper).
 *
 * <p><b>Encoding.</b> The encoder reads N points; a scan has many more. The latent is the mean of
 * the posterior means of K independent N-point subsets (one batch; K = {@value #DEFAULT_ENCODE_SUBSETS}
 * by default), which averages out which points the sampling happened to pick. On 24 validation
 * heads at training step 20,000 this lowered the mean per-vertex error from 3.15 mm (K = 1) to
 * 2.97 (K = 4), 2.91 (K = 16) and 2.89 mm (K = 32).
 *
 * <p><b>Refinement.</b> The decoder is frozen; Adam moves the latent z and a placement of the
 * decoded head (a translation t and a uniform log-scale s: {@code x' = e^s x + t}) to minimise
 * <ul>
 *   <li>over the scan points P (unit frame), the point-to-plane distance to each point's nearest
 *       decoded vertex (a first-order point-to-surface distance) plus a quarter of the
 *       point-to-point distance (against sliding);
 *   <li>over the decoded vertices, the point-to-plane distance to each vertex's nearest scan point,
 *       weighted {@value #SURFACE_TO_SCAN_WEIGHT}: the other direction, which stops parts of the
 *       head that no scan point picks as nearest from floating off the scan (12 validation heads:
 *       2.38 mm without it, 2.27 mm with weight 0.5);
 *   <li>{@code 0.01 * mean((z - z0)^2)} (mean over the L x C latent entries), which keeps the latent
 *       near the encoder's answer.
 * </ul>
 * The placement is there because the encoder places the head less well than it shapes it (at 5 mm
 * mean error, 3 mm of it was a common offset), while the scan pins the placement down directly; t
 * and s start at 0 and have no prior. In both directions, matches farther than three times the
 * median match distance (hair, leftover shoulders, holes) are ignored; mouth-cavity vertices never
 * take part. Scalp and neck vertices <em>absorb</em>: scan points whose nearest vertex is one of them
 * are dropped, and they are not pulled onto the scan, so they follow the rest of the head through
 * the latent. A scalp is usually under hair (a hair cap lies 5-15 mm out, within the outlier
 * limit) and a neck is cut anywhere; pulled onto the scan, they made the refined error worse than
 * the feed-forward one there (12 validation heads, step 20,000: scalp 3.52 to 5.28 mm, neck 3.90
 * to 4.29 mm) and dragged the placement's scale. Absorbing them took the whole-head mean from 2.37
 * to 2.12 mm on those heads. Letters: V vertices, L tokens, C channels, P points, K subsets, N points per subset.
 */
public final class Retopologizer {
  /** Refinement steps of {@code topos retopo --refine} when no number is given. */
  public static final int DEFAULT_REFINE_STEPS = 60;
  private static final double LEARNING_RATE = 0.04; // validation split, 16 heads: 0.02 gave 3.43 mm, 0.04 3.32, 0.08 3.27
  private static final double PLACEMENT_LEARNING_RATE = 0.005; // unit frame: under 1 mm per step
  private static final double PRIOR = 0.01;
  private static final int MAX_REFINE_POINTS = 4096;
  /** Point subsets whose posterior means are averaged into the latent, unless told otherwise. */
  public static final int DEFAULT_ENCODE_SUBSETS = 16;
  static final double SURFACE_TO_SCAN_WEIGHT = 0.5;

  private final TopoVae vae;
  private final int[] candidates; // vertices that scan points may match
  private final int[] pulled; // candidates that the scan pulls on (no scalp, no neck)
  private final boolean[] absorbing; // scalp and neck: they take scan points without being pulled
  private final int encodeSubsets;

  /**
   * With {@link #DEFAULT_ENCODE_SUBSETS} encoded subsets.
   *
   * @param vae the trained model
   * @param regions region of each reference vertex (mouth-cavity vertices are never matched)
   */
  public Retopologizer(TopoVae vae, Region[] regions) {
    this(vae, regions, DEFAULT_ENCODE_SUBSETS);
  }

  /**
   * @param vae the trained model
   * @param regions region of each reference vertex (mouth-cavity vertices are never matched)
   * @param encodeSubsets how many N-point subsets of a scan are encoded and averaged (at least 1)
   */
  public Retopologizer(TopoVae vae, Region[] regions, int encodeSubsets) {
    if (encodeSubsets < 1) {
      throw new IllegalArgumentException("encodeSubsets must be at least 1: " + encodeSubsets);
    }
    this.vae = vae;
    this.encodeSubsets = encodeSubsets;
    this.candidates = java.util.stream.IntStream.range(0, regions.length)
        .filter(i -> regions[i] != Region.MOUTH_CAVITY).toArray();
    this.absorbing = new boolean[regions.length];
    for (int i = 0; i < regions.length; i++) {
      absorbing[i] = regions[i] == Region.SCALP || regions[i] == Region.NECK;
    }
    this.pulled = Arrays.stream(candidates).filter(i -> !absorbing[i]).toArray();
  }

  /**
   * The result in the scan's unit frame.
   *
   * @param positions decoded (and placed) vertex positions, [V*3], unit frame
   * @param latent the latent used, [L*C]
   * @param placement {tx, ty, tz, log-scale} applied to the decoded head (zeros without refinement)
   */
  public record Result(float[] positions, float[] latent, float[] placement) {}

  /** Feed-forward: averaged encoder means, then decoder (point subsets drawn from seed). */
  public Result encodeDecode(VaeExample scan, long seed) {
    return refine(scan, 0, seed);
  }

  /** Encodes, decodes, then runs {@code steps} refinement steps (0 = none); scalp and neck follow. */
  public Result refine(VaeExample scan, int steps, long seed) {
    return refine(scan, steps, seed, false);
  }

  /**
   * Encodes, decodes, then runs {@code steps} refinement steps (0 = none).
   *
   * @param fitScalpAndNeck pull the scalp and the neck onto the scan too (for a bald, clean scan
   *     whose neck is part of the head); by default they follow the rest of the head
   */
  public Result refine(VaeExample scan, int steps, long seed, boolean fitScalpAndNeck) {
    int n = vae.config().points();
    SplittableRandom rng = new SplittableRandom(seed);
    float[] input = new float[encodeSubsets * n * 6];
    for (int k = 0; k < encodeSubsets; k++) {
      System.arraycopy(scan.subsample(n, rng), 0, input, k * n * 6, n * 6);
    }
    try (NDManager scope = NDManager.newBaseManager()) {
      NDArray points = scope.create(input, new Shape(encodeSubsets, n, 6)); // [K, N, 6]
      NDArray z0 = vae.encode(points).mean().mean(new int[] {0}, true); // [1, L, C]
      float[] z0Values = z0.toFloatArray();
      if (steps <= 0) {
        return new Result(positionsOf(vae.decode(z0).toFloatArray()), z0Values, new float[4]);
      }
      float[] target = scan.scanPoints().length / 6 > MAX_REFINE_POINTS
          ? scan.subsample(MAX_REFINE_POINTS, rng) : scan.scanPoints();
      int p = target.length / 6;
      float[] targetXyz = new float[3 * p];
      for (int i = 0; i < p; i++) {
        System.arraycopy(target, 6 * i, targetXyz, 3 * i, 3);
      }
      NDArray targetArray = scope.create(targetXyz, new Shape(p, 3)); // [P, 3]
      KdTree targetTree = new KdTree(targetXyz);
      NDArray anchor = scope.create(z0Values, z0.getShape()); // [1, L, C]
      float[] z = z0Values.clone();
      float[] m = new float[z.length];
      float[] v = new float[z.length];
      float[] pose = new float[4]; // tx, ty, tz, log-scale
      float[] poseM = new float[4];
      float[] poseV = new float[4];
      try {
        for (int it = 1; it <= steps; it++) {
          try (NDManager step = scope.newSubManager()) {
            NDArray latent = step.create(z, z0.getShape()); // [1, L, C]
            latent.setRequiresGradient(true);
            NDArray placement = step.create(pose, new Shape(4)); // [4]
            placement.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
              NDArray out = vae.decode(latent).get(0); // [V, 6]
              NDArray xyz = place(out.get(":, 0:3"), placement); // [V, 3]
              NDArray normals = out.get(":, 3:6"); // [V, 3]
              normals = normals.div(normals.norm(new int[] {1}, true).add(1e-8f)); // [V, 3] unit
              float[] decoded = xyz.toFloatArray();
              int[][] toVertex = scanToVertex(decoded, targetXyz, fitScalpAndNeck);
              NDArray d = offsets(targetArray, toVertex, xyz, latent); // [P', 3] scan point - its vertex
              NDArray plane = d.mul(normals.get(new NDIndex("{}", index(step, toVertex[0]))))
                  .sum(new int[] {1}).abs().mean(); // [] point-to-plane
              NDArray point = d.square().sum(new int[] {1}).add(1e-12f).sqrt().mean(); // [] point-to-point
              int[][] toScan = vertexToScan(decoded, targetTree, fitScalpAndNeck);
              NDArray back = offsets(targetArray, toScan, xyz, latent) // [V', 3] scan point - its vertex
                  .mul(normals.get(new NDIndex("{}", index(step, toScan[0])))).sum(new int[] {1}).abs().mean(); // []
              NDArray prior = latent.sub(anchor).square().mean().mul((float) PRIOR); // [] mean squared latent change
              gc.backward(plane.add(point.mul(0.25f)).add(back.mul((float) SURFACE_TO_SCAN_WEIGHT)).add(prior));
            }
            try (NDArray g = latent.getGradient(); NDArray gp = placement.getGradient()) {
              adam(z, g.toFloatArray(), m, v, it, LEARNING_RATE);
              adam(pose, gp.toFloatArray(), poseM, poseV, it, PLACEMENT_LEARNING_RATE);
            }
          }
        }
      } finally {
        vae.parameters().zeroGradients(); // the frozen decoder's parameters collected gradients too
      }
      NDArray finalLatent = scope.create(z, z0.getShape()); // [1, L, C]
      NDArray placed = place(vae.decode(finalLatent).get(0).get(":, 0:3"), scope.create(pose, new Shape(4))); // [V, 3]
      return new Result(placed.toFloatArray(), z, pose);
    }
  }

  /** {@code e^s x + t} for positions x [V, 3] and placement {tx, ty, tz, s} [4]. */
  private static NDArray place(NDArray xyz, NDArray placement) {
    NDArray scale = placement.get("3:4").exp(); // [1]
    return xyz.mul(scale).add(placement.get("0:3")); // [V, 3]
  }

  /** Decodes a latent [L*C] to vertex positions [V*3] (unit frame). */
  public float[] decode(float[] latent) {
    try (NDManager scope = NDManager.newBaseManager()) {
      NDArray z = scope.create(latent, new Shape(1, vae.tokens(), vae.config().latentChannels())); // [1, L, C]
      return positionsOf(vae.decode(z).toFloatArray());
    }
  }

  /** Scan point minus its matched vertex, [M, 3], for matches {vertex[], point[]}; in the latent's scope. */
  private static NDArray offsets(NDArray points, int[][] match, NDArray xyz, NDArray latent) {
    NDManager step = latent.getManager();
    NDArray pts = Scope.into(points.get(new NDIndex("{}", index(step, match[1]))), latent); // [M, 3]
    return pts.sub(xyz.get(new NDIndex("{}", index(step, match[0])))); // [M, 3]
  }

  private static NDArray index(NDManager manager, int[] indices) {
    return manager.create(Arrays.stream(indices).asLongStream().toArray()); // [M]
  }

  /** For each scan point: its nearest candidate vertex; {vertex[], point[]} (see {@link #keepNear}). */
  private int[][] scanToVertex(float[] vertices, float[] points, boolean fitAll) {
    KdTree tree = new KdTree(positionsOf(vertices, candidates));
    int p = points.length / 3;
    int[] index = new int[p];
    double[] d2 = new double[p];
    tree.nearestAll(points, index, d2);
    int[] vertex = new int[p];
    int[] point = new int[p];
    for (int i = 0; i < p; i++) {
      vertex[i] = candidates[index[i]];
      point[i] = i;
    }
    int[][] near = keepNear(vertex, point, d2);
    if (fitAll) {
      return near;
    }
    int k = 0;
    for (int i = 0; i < near[0].length; i++) {
      if (!absorbing[near[0][i]]) {
        near[0][k] = near[0][i];
        near[1][k] = near[1][i];
        k++;
      }
    }
    return new int[][] {Arrays.copyOf(near[0], k), Arrays.copyOf(near[1], k)};
  }

  /** For each pulled vertex (each candidate with fitAll): its nearest scan point; {vertex[], point[]}. */
  private int[][] vertexToScan(float[] vertices, KdTree scanTree, boolean fitAll) {
    int[] from = fitAll ? candidates : pulled;
    int[] point = new int[from.length];
    double[] d2 = new double[from.length];
    scanTree.nearestAll(positionsOf(vertices, from), point, d2);
    return keepNear(from.clone(), point, d2);
  }

  /** The matches within three times the median match distance; {vertex[], point[]}. */
  private static int[][] keepNear(int[] vertex, int[] point, double[] d2) {
    double[] sorted = d2.clone();
    Arrays.sort(sorted);
    double limit = 9 * sorted[sorted.length / 2]; // (3 x median distance)^2
    int[] vs = new int[vertex.length];
    int[] ps = new int[vertex.length];
    int k = 0;
    for (int i = 0; i < vertex.length; i++) {
      if (d2[i] <= limit) {
        vs[k] = vertex[i];
        ps[k] = point[i];
        k++;
      }
    }
    return new int[][] {Arrays.copyOf(vs, k), Arrays.copyOf(ps, k)};
  }

  private static float[] positionsOf(float[] vertices, int[] which) {
    float[] out = new float[3 * which.length];
    for (int i = 0; i < which.length; i++) {
      System.arraycopy(vertices, 3 * which[i], out, 3 * i, 3);
    }
    return out;
  }

  private static void adam(float[] z, float[] g, float[] m, float[] v, int t, double learningRate) {
    double c1 = 1 - Math.pow(0.9, t);
    double c2 = 1 - Math.pow(0.999, t);
    for (int i = 0; i < z.length; i++) {
      m[i] = (float) (0.9 * m[i] + 0.1 * g[i]);
      v[i] = (float) (0.999 * v[i] + 0.001 * g[i] * g[i]);
      z[i] -= (float) (learningRate * (m[i] / c1) / (Math.sqrt(v[i] / c2) + 1e-8));
    }
  }

  /** Positions [V*3] of a decoder output [1, V, 6]. */
  static float[] positionsOf(float[] out) {
    return VaeTrainTask.positions(out);
  }
}
