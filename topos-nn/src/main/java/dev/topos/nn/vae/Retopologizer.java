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
 * Scan in, reference topology out: encodes a prepared scan ({@link VaeExample#ofScan}) with the
 * posterior mean, decodes it, and optionally refines the latent so the decoded surface lies on the
 * scan ({@code --refine}, beyond the paper).
 *
 * <p><b>Refinement.</b> The decoder is frozen; Adam moves the latent z and a placement of the
 * decoded head (a translation t and a uniform log-scale s: {@code x' = e^s x + t}) to minimise,
 * over the scan points P (unit frame), the point-to-plane distance to each point's nearest decoded
 * vertex (a first-order point-to-surface distance) plus a quarter of the point-to-point distance
 * (against sliding), plus {@code 0.01 * mean((z - z0)^2)} (mean over the L x C latent entries) that
 * keeps the latent near the encoder's answer. The placement is there because the encoder places
 * the head less well than it shapes it (at 5 mm mean error, 3 mm of it was a common offset), while
 * the scan pins the placement down directly; t and s start at 0 and have no prior.
 * Points farther than three times the median nearest distance (hair, leftover shoulders) are
 * ignored; so are mouth-cavity vertices as nearest candidates. Letters: V vertices, L tokens,
 * C channels, P points.
 */
public final class Retopologizer {
  /** Refinement steps of {@code topos retopo --refine} when no number is given. */
  public static final int DEFAULT_REFINE_STEPS = 60;
  private static final double LEARNING_RATE = 0.04; // validation split, 16 heads: 0.02 gave 3.43 mm, 0.04 3.32, 0.08 3.27
  private static final double PLACEMENT_LEARNING_RATE = 0.005; // unit frame: under 1 mm per step
  private static final double PRIOR = 0.01;
  private static final int MAX_REFINE_POINTS = 4096;

  private final TopoVae vae;
  private final int[] candidates; // vertices that scan points may match

  /**
   * @param vae the trained model
   * @param regions region of each reference vertex (mouth-cavity vertices are never matched)
   */
  public Retopologizer(TopoVae vae, Region[] regions) {
    this.vae = vae;
    this.candidates = java.util.stream.IntStream.range(0, regions.length)
        .filter(i -> regions[i] != Region.MOUTH_CAVITY).toArray();
  }

  /**
   * The result in the scan's unit frame.
   *
   * @param positions decoded (and placed) vertex positions, [V*3], unit frame
   * @param latent the latent used, [L*C]
   * @param placement {tx, ty, tz, log-scale} applied to the decoded head (zeros without refinement)
   */
  public record Result(float[] positions, float[] latent, float[] placement) {}

  /** Feed-forward: encoder mean, then decoder (points subsampled to the model's N from seed). */
  public Result encodeDecode(VaeExample scan, long seed) {
    return refine(scan, 0, seed);
  }

  /** Encodes, decodes, then runs {@code steps} refinement steps (0 = none). */
  public Result refine(VaeExample scan, int steps, long seed) {
    int n = vae.config().points();
    SplittableRandom rng = new SplittableRandom(seed);
    float[] input = scan.subsample(n, rng);
    try (NDManager scope = NDManager.newBaseManager()) {
      NDArray points = scope.create(input, new Shape(1, n, 6)); // [1, N, 6]
      NDArray z0 = vae.encode(points).mean(); // [1, L, C]
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
              int[][] match = nearest(xyz.toFloatArray(), targetXyz);
              NDArray idx = step.create(Arrays.stream(match[0]).asLongStream().toArray()); // [P']
              NDArray keep = step.create(Arrays.stream(match[1]).asLongStream().toArray()); // [P']
              NDArray pts = Scope.into(targetArray.get(new NDIndex("{}", keep)), latent); // [P', 3], in the step scope
              NDArray d = pts.sub(xyz.get(new NDIndex("{}", idx))); // [P', 3]
              NDArray plane = d.mul(normals.get(new NDIndex("{}", idx))).sum(new int[] {1}).abs().mean(); // [] point-to-plane
              NDArray point = d.square().sum(new int[] {1}).add(1e-12f).sqrt().mean(); // [] point-to-point
              NDArray prior = latent.sub(anchor).square().mean().mul((float) PRIOR); // [] mean squared latent change
              gc.backward(plane.add(point.mul(0.25f)).add(prior));
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

  /** For each target point within 3x the median distance: its nearest candidate vertex; {vertex[], point[]}. */
  private int[][] nearest(float[] vertices, float[] points) {
    float[] cand = new float[3 * candidates.length];
    for (int i = 0; i < candidates.length; i++) {
      System.arraycopy(vertices, 3 * candidates[i], cand, 3 * i, 3);
    }
    KdTree tree = new KdTree(cand);
    int p = points.length / 3;
    int[] index = new int[p];
    double[] d2 = new double[p];
    tree.nearestAll(points, index, d2);
    double[] sorted = d2.clone();
    Arrays.sort(sorted);
    double limit = 9 * sorted[p / 2]; // (3 x median distance)^2
    int[] vs = new int[p];
    int[] ps = new int[p];
    int k = 0;
    for (int i = 0; i < p; i++) {
      if (d2[i] <= limit) {
        vs[k] = candidates[index[i]];
        ps[k] = i;
        k++;
      }
    }
    return new int[][] {Arrays.copyOf(vs, k), Arrays.copyOf(ps, k)};
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
