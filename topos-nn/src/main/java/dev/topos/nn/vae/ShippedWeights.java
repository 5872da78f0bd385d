package dev.topos.nn.vae;

import dev.topos.geometry.Mesh;
import dev.topos.topology.fit.ShapeModes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The trained TOPOS-VAE weights that ship inside this jar (the cpu-small preset), or a trained
 * model folder chosen by the user instead. Each call loads a new model that the caller owns and
 * closes; nothing is cached, so no model outlives its user.
 */
public final class ShippedWeights {
  /** Classpath folder of the shipped weights: {@code config.json} and {@code parameters.bin}. */
  public static final String FOLDER = "/dev/topos/nn/vae/weights/cpu-small/";

  /** The error modes beside a model's weights ({@link ErrorModes}; optional). */
  public static final String ERROR_MODES_FILE = "error-modes.bin";

  /** The feed-forward calibration beside a model's weights ({@link FeedForwardCalibration}; optional). */
  public static final String CALIBRATION_FILE = "calibration.bin";

  /** The pose correction beside a model's weights ({@link PoseCorrection}; optional). */
  public static final String POSE_CORRECTION_FILE = "pose-correction.bin";

  /** The shape modes ({@link ShapeModes}; optional): a Gaussian over training heads, whatever the weights. */
  public static final String SHAPE_MODES_FILE = "shape-modes.bin";

  private ShippedWeights() {}

  /**
   * The shape modes in a model folder ({@code DIR/shape-modes.bin}) or, when the folder has none or
   * {@code folderOrNull} is null, the shipped ones (they describe the synthetic training heads, not
   * one model); null when there are none.
   */
  public static ShapeModes loadShapeModes(Path folderOrNull) throws IOException {
    if (folderOrNull != null) {
      Path file = folderOrNull.resolve(SHAPE_MODES_FILE);
      if (Files.isRegularFile(file)) {
        return ShapeModes.read(file);
      }
    }
    try (InputStream in = ShippedWeights.class.getResourceAsStream(FOLDER + SHAPE_MODES_FILE)) {
      return in == null ? null : ShapeModes.read(in);
    }
  }

  /**
   * The error modes fitted for a model folder ({@code DIR/error-modes.bin}), or for the shipped
   * weights when {@code folderOrNull} is null; null when there are none.
   */
  public static ErrorModes loadErrorModes(Path folderOrNull) throws IOException {
    return loadFitted(folderOrNull, ERROR_MODES_FILE, ErrorModes::read, ErrorModes::read);
  }

  /**
   * The feed-forward calibration fitted for a model folder ({@code DIR/calibration.bin}), or for
   * the shipped weights when {@code folderOrNull} is null; null when there is none.
   */
  public static FeedForwardCalibration loadCalibration(Path folderOrNull) throws IOException {
    return loadFitted(folderOrNull, CALIBRATION_FILE, FeedForwardCalibration::read, FeedForwardCalibration::read);
  }

  /**
   * The pose correction fitted for a model folder ({@code DIR/pose-correction.bin}), or for the
   * shipped weights when {@code folderOrNull} is null; null when there is none.
   */
  public static PoseCorrection loadPoseCorrection(Path folderOrNull) throws IOException {
    return loadFitted(folderOrNull, POSE_CORRECTION_FILE, PoseCorrection::read, PoseCorrection::read);
  }

  /** Reads one format from a file. */
  @FunctionalInterface
  private interface FileReader<T> {
    T read(Path file) throws IOException;
  }

  /** Reads one format from a stream. */
  @FunctionalInterface
  private interface StreamReader<T> {
    T read(InputStream in) throws IOException;
  }

  /**
   * A file fitted for one model: {@code DIR/name} of a model folder, or the shipped one when
   * {@code folderOrNull} is null; null when there is none.
   */
  private static <T> T loadFitted(Path folderOrNull, String name, FileReader<T> fromFile, StreamReader<T> fromStream)
      throws IOException {
    if (folderOrNull != null) {
      Path file = folderOrNull.resolve(name);
      return Files.isRegularFile(file) ? fromFile.read(file) : null;
    }
    try (InputStream in = ShippedWeights.class.getResourceAsStream(FOLDER + name)) {
      return in == null ? null : fromStream.read(in);
    }
  }

  /** Whether this build carries trained weights (both files present on the classpath). */
  public static boolean available() {
    return ShippedWeights.class.getResource(FOLDER + TopoVae.CONFIG_FILE) != null
        && ShippedWeights.class.getResource(FOLDER + TopoVae.PARAMETERS_FILE) != null;
  }

  /**
   * Loads the shipped weights over the reference head.
   *
   * @param head the reference head mesh (metres), from which the decoder's template is built
   * @throws IllegalStateException when this build ships no weights
   */
  public static TopoVae load(Mesh head) throws IOException {
    try (InputStream config = ShippedWeights.class.getResourceAsStream(FOLDER + TopoVae.CONFIG_FILE);
        InputStream params = ShippedWeights.class.getResourceAsStream(FOLDER + TopoVae.PARAMETERS_FILE)) {
      if (config == null || params == null) {
        // The message names the CLI option: the CLI shows it as is, and a library user reads it as "pass a folder".
        throw new IllegalStateException("this build ships no trained TOPOS-VAE weights yet; pass --weights RUN/best");
      }
      return TopoVae.load(new String(config.readAllBytes(), StandardCharsets.UTF_8), params, head);
    }
  }

  /**
   * Loads a trained model folder ({@code config.json} + {@code parameters.bin}, as written by
   * {@link TopoVae#save}), or the shipped weights when {@code folderOrNull} is null.
   *
   * @throws NoSuchFileException when the folder has no {@code config.json}
   * @throws IllegalStateException when {@code folderOrNull} is null and this build ships no weights
   */
  public static TopoVae load(Path folderOrNull, Mesh head) throws IOException {
    if (folderOrNull == null) {
      return load(head);
    }
    if (!Files.isRegularFile(folderOrNull.resolve(TopoVae.CONFIG_FILE))) {
      throw new NoSuchFileException(folderOrNull.toString(), null, "not a trained model folder (no config.json)");
    }
    return TopoVae.load(folderOrNull, head);
  }
}
