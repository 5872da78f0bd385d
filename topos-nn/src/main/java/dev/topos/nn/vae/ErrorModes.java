package dev.topos.nn.vae;

import dev.topos.geometry.PrincipalModes;
import dev.topos.geometry.io.TaggedBinaryFile;
import dev.topos.topology.fit.NormalOffsets;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * A Gaussian over the encoder's feed-forward error (truth minus decoded head, metres, per vertex
 * coordinate), fitted on training heads: the mean error plus the top K principal directions, each
 * scaled by its standard deviation, so the error is {@code mean + modes^T z} with {@code z ~ N(0, I)}.
 *
 * <p>Why: most of the encoder's error lies along the surface, where a scan says nothing directly,
 * but the error is smooth and correlated across the head. Given the head's offsets from the scan
 * along its own vertex normals ({@link NormalOffsets}), the posterior mean of the whole error
 * field under this Gaussian ({@link #correct}) moves vertices along the surface too. On 16
 * validation heads (64-79) it took the feed-forward error from 2.46 to 1.76 mm (1,500 heads, K = 256,
 * noise 3 mm; tools/diagnostics/error-correction.jsh).
 *
 * <p>Stored compactly: each mode as 16-bit integers times one scale per mode. The file does not
 * record which weights it was fitted for: refit it (`topos train error-modes`) whenever the
 * weights beside it change. The arrays are shared, not copied: callers must not change them.
 *
 * @param meanError the mean error, [3V] (metres)
 * @param modes K directions times their standard deviations, mode-major, [K * 3V] (metres)
 * @param heads how many training heads the Gaussian was fitted on
 * @param residualMean the mean error that {@link Retopologizer#correct} still leaves, on training
 *     heads the modes were not fitted on, [3V] (metres; zeros where not measured): added after the
 *     correction, it removes the correction's own bias
 */
public record ErrorModes(float[] meanError, float[] modes, int heads, float[] residualMean) {
  private static final int MAGIC = 0x544f4552; // "TOER"
  private static final int VERSION = 2; // 1: without the residual mean
  private static final String KIND = "error-modes";
  private static final int MAX_VALUES = 3 * 1_000_000; // a million vertices: far above any head, and a header that asks for more is corrupt
  private static final int MAX_MODES = 100_000;

  public ErrorModes {
    if (meanError.length == 0 || modes.length % meanError.length != 0) {
      throw new IllegalArgumentException("modes must be K x " + meanError.length + ", got " + modes.length + " values");
    }
    if (residualMean.length != meanError.length) {
      throw new IllegalArgumentException("the residual mean must have " + meanError.length + " values, got " + residualMean.length);
    }
  }

  /** Modes without a measured residual mean (zeros). */
  public ErrorModes(float[] meanError, float[] modes, int heads) {
    this(meanError, modes, heads, new float[meanError.length]);
  }

  /** The same modes with this residual mean, [3V] (metres). */
  public ErrorModes withResidualMean(float[] mean) {
    return new ErrorModes(meanError, modes, heads, mean.clone());
  }

  /** K, the number of modes. */
  public int count() {
    return modes.length / meanError.length;
  }

  /** 3V, the values per head. */
  public int dimension() {
    return meanError.length;
  }

  /**
   * Fits the Gaussian to {@code errors} (one [3V] error per head) and keeps the top {@code k}
   * directions (through the heads' Gram matrix: cheap while heads &lt;&lt; 3V).
   */
  public static ErrorModes fit(float[][] errors, int k) {
    PrincipalModes fitted = PrincipalModes.fit(errors, k);
    return new ErrorModes(fitted.mean(), fitted.modes(), fitted.samples());
  }

  /**
   * The head plus the posterior mean of its error given the observed normal offsets: with {@code
   * A} the modes seen along the observed vertices' normals and {@code r} the offsets minus what the
   * mean error predicts, {@code z = (I + A^T A / sigma^2)^-1 A^T r / sigma^2}.
   *
   * @param head vertex positions, [3V] (metres)
   * @param offsets the scan's offsets along the head's normals at some vertices (metres)
   * @param sigma the offsets' noise (metres): it weighs them against the prior
   * @return the corrected head, [3V] (metres)
   */
  public float[] correct(float[] head, NormalOffsets offsets, double sigma) {
    return correct(head, offsets, sigma, null);
  }

  /**
   * {@link #correct(float[], NormalOffsets, double)} with a weight per observation: observation
   * {@code o} has noise {@code sigma / sqrt(weights[o])}, so a weight near 0 all but ignores it (an
   * iteratively reweighted, robust fit: see {@link Retopologizer#correct}); with W the diagonal of
   * the weights, {@code z = (I + A^T W A / sigma^2)^-1 A^T W r / sigma^2}.
   *
   * @param weights one weight in (0, 1] per observed vertex, [M], or null for all 1
   */
  public float[] correct(float[] head, NormalOffsets offsets, double sigma, double[] weights) {
    int d = dimension();
    int k = count();
    if (head.length != d) {
      throw new IllegalArgumentException("head has " + head.length + " values, the modes " + d);
    }
    if (!(sigma > 0) || Double.isInfinite(sigma)) {
      throw new IllegalArgumentException("sigma must be positive and finite, got " + sigma);
    }
    for (int v : offsets.vertices()) {
      if (v < 0 || 3 * v >= d) {
        throw new IllegalArgumentException("observed vertex " + v + " is not one of the " + d / 3);
      }
    }
    int m = offsets.count();
    if (weights != null) {
      if (weights.length != m) {
        throw new IllegalArgumentException(m + " observations but " + weights.length + " weights");
      }
      for (double x : weights) {
        if (!(x > 0 && x <= 1)) { // NaN too
          throw new IllegalArgumentException("weights must lie in (0, 1], got " + x);
        }
      }
    }
    float[] out = head.clone();
    for (int j = 0; j < d; j++) {
      out[j] += meanError[j];
    }
    if (m == 0) {
      return out;
    }
    double w = 1 / (sigma * sigma);
    DMatrixRMaj seen = new DMatrixRMaj(m, k); // [M, K] each mode's offset along the observed normals
    DMatrixRMaj weighted = weights == null ? seen : new DMatrixRMaj(m, k); // [M, K] the same, times each weight
    DMatrixRMaj residual = new DMatrixRMaj(m, 1); // [M, 1] W r / sigma^2
    for (int o = 0; o < m; o++) {
      int v = offsets.vertices()[o];
      float nx = offsets.normals()[3 * o];
      float ny = offsets.normals()[3 * o + 1];
      float nz = offsets.normals()[3 * o + 2];
      double predicted = nx * meanError[3 * v] + ny * meanError[3 * v + 1] + nz * meanError[3 * v + 2];
      double weight = weights == null ? 1 : weights[o];
      residual.set(o, 0, (offsets.offsets()[o] - predicted) * w * weight);
      for (int c = 0; c < k; c++) {
        int base = c * d + 3 * v;
        double along = nx * modes[base] + ny * modes[base + 1] + nz * modes[base + 2];
        seen.set(o, c, along);
        if (weights != null) {
          weighted.set(o, c, along * weight);
        }
      }
    }
    DMatrixRMaj normal = new DMatrixRMaj(k, k);
    CommonOps_DDRM.multTransA(seen, weighted, normal); // [K, K]
    CommonOps_DDRM.scale(w, normal);
    DMatrixRMaj rhs = new DMatrixRMaj(k, 1);
    CommonOps_DDRM.multTransA(seen, residual, rhs); // [K, 1]
    DMatrixRMaj z = PrincipalModes.posteriorCoordinates(normal, rhs, "correction"); // [K, 1] the posterior mean of the error's coordinates
    for (int c = 0; c < k; c++) {
      float zc = (float) z.get(c);
      int base = c * d;
      for (int j = 0; j < d; j++) {
        out[j] += zc * modes[base + j];
      }
    }
    return out;
  }

  /**
   * Writes the modes atomically (magic, version, 3V, K, heads, mean error, then per mode a scale and
   * 3V shorts, then the residual mean).
   */
  public void write(Path file) throws IOException {
    TaggedBinaryFile.write(file, MAGIC, VERSION, out -> {
      new PrincipalModes(meanError, modes, heads).write(out);
      for (float x : residualMean) {
        out.writeFloat(x);
      }
    });
  }

  /** Reads what {@link #write} wrote (any problem is an {@link IOException} that says what is wrong). */
  public static ErrorModes read(InputStream stream) throws IOException {
    return TaggedBinaryFile.read(stream, KIND, MAGIC, ErrorModes::known, ErrorModes::readBody);
  }

  /** Reads a file written by {@link #write}; the message of any failure names the file. */
  public static ErrorModes read(Path file) throws IOException {
    return TaggedBinaryFile.read(file, KIND, MAGIC, ErrorModes::known, ErrorModes::readBody);
  }

  /** Versions read: this one and version 1 (no residual mean). */
  private static boolean known(int version) {
    return version == VERSION || version == 1;
  }

  private static ErrorModes readBody(DataInputStream in, int version) throws IOException {
    PrincipalModes read = PrincipalModes.read(in, MAX_VALUES, MAX_MODES, KIND);
    int d = read.dimension();
    float[] residual = new float[d];
    if (version >= 2) {
      for (int j = 0; j < d; j++) {
        residual[j] = PrincipalModes.finite(in.readFloat(), KIND);
      }
    }
    TaggedBinaryFile.requireEnd(in, KIND, version >= 2 ? "residual mean" : "last mode");
    return new ErrorModes(read.mean(), read.modes(), read.samples(), residual);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ErrorModes e && heads == e.heads && Arrays.equals(meanError, e.meanError) && Arrays.equals(modes, e.modes)
        && Arrays.equals(residualMean, e.residualMean);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * (31 * Arrays.hashCode(meanError) + Arrays.hashCode(modes)) + heads) + Arrays.hashCode(residualMean);
  }

  @Override
  public String toString() {
    return "ErrorModes[" + count() + " modes over " + dimension() + " values, " + heads + " heads]";
  }
}
