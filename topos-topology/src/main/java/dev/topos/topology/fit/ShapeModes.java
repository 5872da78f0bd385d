package dev.topos.topology.fit;

import dev.topos.geometry.PrincipalModes;
import dev.topos.geometry.Similarity;
import dev.topos.geometry.io.TaggedBinaryFile;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * A Gaussian over head shapes in the reference topology (the mean and top K principal directions of
 * training heads' vertex positions, canonical head frame, metres), and the head it makes most
 * probable given a scan ({@link #fit}).
 *
 * <p>Why: a scan fixes a head's surface but not where its vertices sit along it; a model of how
 * heads vary does. Under a Gaussian fitted to 2,000 synthetic training heads the exact surface
 * (offsets along every vertex normal but the mouth cavity's, 0.75 mm noise) leaves 0.66 mm of
 * per-vertex error, against a prior spread of 9.5 mm (tools/diagnostics/surface-ambiguity.jsh). The
 * Gaussian knows only the heads it was fitted on: synthetic MakeHuman heads here, which lie close to
 * a linear space; a real head outside that space keeps what the Gaussian cannot express.
 *
 * <p>The head may lie anywhere, upright and facing +Z as everything in topos expects (docs/FRAME.md):
 * the mean is first moved onto the head's centroid, and three translations (sd {@link
 * #TRANSLATION_SD_METRES}) and three small rotations about the mean's centroid (sd {@link
 * #ROTATION_SD_RADIANS}, for a tilted scan) join the modes as free directions. A full rigid alignment
 * of the mean to the head first was worse (validation heads 64-79: 1.018 against 1.010 mm): a head
 * shaped unlike the mean pulls the rotation off, and 1 degree is 1.7 mm at 10 cm.
 *
 * @param gaussian the Gaussian over the head's [3V] vertex coordinates
 */
public record ShapeModes(PrincipalModes gaussian) {
  /** The prior sd of the translation left after the centroid shift (metres). */
  public static final double TRANSLATION_SD_METRES = 0.02;
  /** The prior sd of each small rotation about the mean's centroid (radians, about 3 degrees: a tilted scan). */
  public static final double ROTATION_SD_RADIANS = 0.05;
  private static final int MAGIC = 0x544f534d; // "TOSM"
  private static final int VERSION = 1;
  private static final int MAX_VALUES = 3 * 1_000_000;
  private static final int MAX_MODES = 100_000;
  private static final String KIND = "shape-modes";

  public ShapeModes {
    java.util.Objects.requireNonNull(gaussian, "gaussian");
  }

  /** Fits the Gaussian to {@code heads} (each [3V], canonical frame, metres), keeping {@code k} directions. */
  public static ShapeModes fit(float[][] heads, int k) {
    return new ShapeModes(PrincipalModes.fit(heads, k));
  }

  /** K, the number of modes. */
  public int count() {
    return gaussian.count();
  }

  /** 3V, the coordinates of a head. */
  public int dimension() {
    return gaussian.dimension();
  }

  /**
   * The posterior mean of the head given the scan's offsets along {@code head}'s normals: with
   * {@code t = mean + U a} ({@code U} the modes and the six free directions, {@code a ~ N(0, I)}, in
   * the frame of the mean aligned to {@code head}), each observation says {@code n . (t_v - head_v) =
   * offset} with noise {@code sigma / sqrt(weight)}; {@code a = (I + A^T W A / sigma^2)^-1 A^T W r /
   * sigma^2}. Only the offsets and the prior decide: {@code head} is where they were measured from and
   * sets the frame.
   *
   * @param head vertex positions the offsets were measured from, [3V] (metres; the canonical frame up to
   *     any translation and small tilts)
   * @param offsets the scan's offsets along {@code head}'s normals at some vertices (metres)
   * @param weights one weight in (0, 1] per observation, [M], or null for all 1
   * @param sigma the offsets' noise (metres)
   * @return the fitted head in {@code head}'s frame, [3V] (metres)
   */
  public float[] fit(float[] head, NormalOffsets offsets, double[] weights, double sigma) {
    return fit(head, SurfaceOffsets.atVertices(offsets), weights, sigma);
  }

  /**
   * {@link #fit(float[], NormalOffsets, double[], double)} with offsets observed anywhere on the
   * surface ({@link SurfaceOffsets}: at vertices, at the scan points' closest points): observation
   * {@code o} says {@code n . sum_k w_k (t_(v_k) - head_(v_k)) = offset}.
   */
  public float[] fit(float[] head, SurfaceOffsets offsets, double[] weights, double sigma) {
    int d = dimension();
    if (head.length != d) {
      throw new IllegalArgumentException("head has " + head.length + " values, the shape modes " + d);
    }
    if (!(sigma > 0) || Double.isInfinite(sigma)) {
      throw new IllegalArgumentException("sigma must be positive and finite, got " + sigma);
    }
    int m = offsets.count();
    if (weights != null && weights.length != m) {
      throw new IllegalArgumentException(m + " observations but " + weights.length + " weights");
    }
    float[] mean = gaussian.mean();
    Similarity toHead = centroidShift(mean, head); // the mean's frame -> the head's
    Similarity toMean = toHead.inverse();
    float[] local = toMean.apply(head); // [3V] the head in the mean's frame
    double[] r = toHead.rotation(); // row-major 3 x 3, mean frame -> head frame
    double[] centroid = new double[3];
    for (int v = 0; v < d / 3; v++) {
      for (int c = 0; c < 3; c++) {
        centroid[c] += mean[3 * v + c] / (d / 3.0);
      }
    }
    if (m == 0) {
      return toHead.apply(mean); // nothing seen: the prior's mean, where the head is
    }
    int k = gaussian.count();
    int columns = k + 6; // the modes, 3 translations, 3 rotations
    float[] modes = gaussian.modes();
    // Built transposed, a mode per row, so each mode's [3V] values are read in one sweep.
    DMatrixRMaj seen = new DMatrixRMaj(columns, m); // [K+6, M] each direction along the observed normals, x sqrt(w) / sigma
    DMatrixRMaj residual = new DMatrixRMaj(m, 1); // [M, 1] (offset + n . sum_k w_k (head_vk - mean_vk)) x sqrt(w) / sigma
    double[] normals = new double[3 * m]; // [M*3] the normals in the mean's frame (R^T n), x sqrt(w) / sigma
    int[] corners = offsets.corners();
    double[] mix = offsets.weights(); // [M*3] barycentric
    for (int o = 0; o < m; o++) {
      for (int q = 3 * o; q < 3 * o + 3; q++) {
        if (corners[q] < 0 || corners[q] >= d / 3) {
          throw new IllegalArgumentException("observed vertex " + corners[q] + " is not one of the " + d / 3);
        }
      }
      double weight = weights == null ? 1 : weights[o];
      if (!(weight > 0 && weight <= 1)) { // NaN too
        throw new IllegalArgumentException("weights must lie in (0, 1], got " + weight);
      }
      double scale = Math.sqrt(weight) / sigma;
      double gap = offsets.offsets()[o];
      double[] n = new double[3];
      double[] arm = new double[3]; // the observed point of the mean, from the mean's centroid
      for (int c = 0; c < 3; c++) {
        n[c] = r[c] * offsets.normals()[3 * o] + r[3 + c] * offsets.normals()[3 * o + 1] + r[6 + c] * offsets.normals()[3 * o + 2];
        normals[3 * o + c] = n[c] * scale;
      }
      for (int q = 3 * o; q < 3 * o + 3; q++) {
        int v = corners[q];
        for (int c = 0; c < 3; c++) {
          gap += mix[q] * n[c] * (local[3 * v + c] - mean[3 * v + c]);
          arm[c] += mix[q] * (mean[3 * v + c] - centroid[c]);
        }
      }
      residual.set(o, 0, gap * scale);
      for (int c = 0; c < 3; c++) {
        seen.set(k + c, o, n[c] * TRANSLATION_SD_METRES * scale);
        // a small rotation about axis c moves the point by e_c x arm; along n that is (arm x n)_c
        double along = arm[(c + 1) % 3] * n[(c + 2) % 3] - arm[(c + 2) % 3] * n[(c + 1) % 3];
        seen.set(k + 3 + c, o, along * ROTATION_SD_RADIANS * scale);
      }
    }
    double[] rows = seen.data;
    for (int j = 0; j < k; j++) {
      int base = j * d;
      int row = j * m;
      for (int o = 0; o < m; o++) {
        double along = 0;
        for (int q = 3 * o; q < 3 * o + 3; q++) {
          if (mix[q] != 0) {
            int at = base + 3 * corners[q];
            along += mix[q] * (normals[3 * o] * modes[at] + normals[3 * o + 1] * modes[at + 1] + normals[3 * o + 2] * modes[at + 2]);
          }
        }
        rows[row + o] = along;
      }
    }
    DMatrixRMaj normal = new DMatrixRMaj(columns, columns);
    CommonOps_DDRM.multOuter(seen, normal); // [K+6, K+6] A^T W A / sigma^2
    DMatrixRMaj rhs = new DMatrixRMaj(columns, 1);
    CommonOps_DDRM.mult(seen, residual, rhs); // [K+6, 1]
    DMatrixRMaj a = PrincipalModes.posteriorCoordinates(normal, rhs, "shape fit"); // [K+6, 1] the posterior mean of the coordinates
    double[] z = new double[k];
    for (int j = 0; j < k; j++) {
      z[j] = a.get(j);
    }
    float[] fitted = gaussian.sample(z); // [3V] in the mean's frame
    for (int v = 0; v < d / 3; v++) {
      double[] arm = {mean[3 * v] - centroid[0], mean[3 * v + 1] - centroid[1], mean[3 * v + 2] - centroid[2]};
      for (int c = 0; c < 3; c++) {
        double w = a.get(k + 3 + c) * ROTATION_SD_RADIANS; // rotation about axis c
        fitted[3 * v + c] += (float) (a.get(k + c) * TRANSLATION_SD_METRES);
        fitted[3 * v + (c + 2) % 3] += (float) (w * arm[(c + 1) % 3]);
        fitted[3 * v + (c + 1) % 3] -= (float) (w * arm[(c + 2) % 3]);
      }
    }
    return toHead.apply(fitted);
  }

  /** The translation that moves {@code from}'s centroid onto {@code to}'s. */
  private static Similarity centroidShift(float[] from, float[] to) {
    double[] t = new double[3];
    for (int i = 0; i < from.length; i++) {
      t[i % 3] += (to[i] - from[i]) / (from.length / 3.0);
    }
    return new Similarity(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, 1, t);
  }

  /** Writes the modes atomically (magic, version, then {@link PrincipalModes#write}). */
  public void write(Path file) throws IOException {
    TaggedBinaryFile.write(file, MAGIC, VERSION, gaussian::write);
  }

  /** Reads what {@link #write} wrote (any problem is an {@link IOException} that says what is wrong). */
  public static ShapeModes read(InputStream stream) throws IOException {
    return TaggedBinaryFile.read(stream, KIND, MAGIC, ShapeModes::known, ShapeModes::readBody);
  }

  /** Reads a file written by {@link #write}; the message of any failure names the file. */
  public static ShapeModes read(Path file) throws IOException {
    return TaggedBinaryFile.read(file, KIND, MAGIC, ShapeModes::known, ShapeModes::readBody);
  }

  private static boolean known(int version) {
    return version == VERSION;
  }

  private static ShapeModes readBody(DataInputStream in, int version) throws IOException {
    PrincipalModes read = PrincipalModes.read(in, MAX_VALUES, MAX_MODES, KIND);
    TaggedBinaryFile.requireEnd(in, KIND, "last mode");
    return new ShapeModes(read);
  }

  @Override
  public String toString() {
    return "ShapeModes[" + count() + " modes over " + dimension() / 3 + " vertices, " + gaussian.samples() + " heads]";
  }
}
