package dev.topos.nn.vae;

import dev.topos.synth.dataset.DatasetReader;
import dev.topos.synth.dataset.Sample;
import java.io.IOException;
import java.util.function.LongConsumer;

/**
 * Fits {@link ErrorModes} for a model: the feed-forward error (truth minus the decoded head,
 * metres) on the first {@code heads} samples of a training set, each prepared as {@code topos eval
 * vae} prepares a test scan ({@link VaeExample#of}) and encoded with the retopologizer's encoding
 * (seed = the sample's index); then the mean error that {@link Retopologizer#correct} with those
 * modes still leaves on the next {@code residualHeads} samples, which the modes were not fitted on
 * ({@link ErrorModes#residualMean}). Feed-forward and the correction are byte-identical run to run,
 * so the same data and weights give the same file.
 */
public final class ErrorModesBuilder {
  private ErrorModesBuilder() {}

  /**
   * @param retopologizer the model, with the encoding that will be corrected
   * @param referenceHead the reference head (for the ground truth's vertex count)
   * @param train a training dataset (never the split that will be evaluated)
   * @param heads how many of its samples the modes are fitted on (at least modes + 1)
   * @param modes K, the directions kept
   * @param residualHeads how many of the samples after those measure the residual mean (0: none)
   * @param progress told after each head (heads + residualHeads in all)
   */
  public static ErrorModes build(Retopologizer retopologizer, dev.topos.geometry.Mesh referenceHead, DatasetReader train, int heads,
      int modes, int residualHeads, LongConsumer progress) throws IOException {
    if (residualHeads < 0) {
      throw new IllegalArgumentException("the residual heads must be 0 or more, got " + residualHeads);
    }
    if (heads + (long) residualHeads > train.size()) {
      throw new IllegalArgumentException("the dataset has " + train.size() + " samples, fewer than " + heads + " + " + residualHeads
          + " heads");
    }
    int d = 3 * referenceHead.vertexCount();
    float[][] errors = new float[heads][];
    for (int i = 0; i < heads; i++) {
      Sample s = train.get(i);
      VaeExample ex = VaeExample.of(s, referenceHead);
      errors[i] = errorOf(s, ex.frame().fromUnit(retopologizer.encodeDecode(ex, i).positions()), d);
      progress.accept(i + 1);
    }
    ErrorModes fitted = ErrorModes.fit(errors, modes);
    if (residualHeads == 0) {
      return fitted;
    }
    Retopologizer corrector = retopologizer.withErrorModes(fitted); // residual mean still zero: what correct leaves without it
    double[] sum = new double[d];
    for (int i = heads; i < heads + residualHeads; i++) {
      Sample s = train.get(i);
      VaeExample ex = VaeExample.of(s, referenceHead);
      float[] e = errorOf(s, ex.frame().fromUnit(corrector.correct(ex, i).positions()), d);
      for (int j = 0; j < d; j++) {
        sum[j] += e[j];
      }
      progress.accept(i + 1);
    }
    float[] mean = new float[d];
    for (int j = 0; j < d; j++) {
      mean[j] = (float) (sum[j] / residualHeads);
    }
    return fitted.withResidualMean(mean);
  }

  /** Truth minus head, [3V] metres. */
  private static float[] errorOf(Sample s, float[] head, int d) {
    float[] truth = s.vertices();
    float[] e = new float[d];
    for (int j = 0; j < d; j++) {
      e[j] = truth[j] - head[j];
    }
    return e;
  }
}
