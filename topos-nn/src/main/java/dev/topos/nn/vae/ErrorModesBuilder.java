package dev.topos.nn.vae;

import dev.topos.synth.dataset.DatasetReader;
import dev.topos.synth.dataset.Sample;
import java.io.IOException;
import java.util.function.LongConsumer;

/**
 * Fits {@link ErrorModes} for a model: the feed-forward error (truth minus the decoded head,
 * metres) on the first {@code heads} samples of a training set, each prepared as {@code topos eval
 * vae} prepares a test scan ({@link VaeExample#of}) and encoded with the retopologizer's encoding
 * (seed = the sample's index). Feed-forward is byte-identical run to
 * run, so the same data and weights give the same modes.
 */
public final class ErrorModesBuilder {
  private ErrorModesBuilder() {}

  /**
   * @param retopologizer the model, with the encoding that will be corrected
   * @param referenceHead the reference head (for the ground truth's vertex count)
   * @param train a training dataset (never the split that will be evaluated)
   * @param heads how many of its samples to use (at least modes + 1)
   * @param modes K, the directions kept
   * @param progress told after each head
   */
  public static ErrorModes build(Retopologizer retopologizer, dev.topos.geometry.Mesh referenceHead, DatasetReader train, int heads,
      int modes, LongConsumer progress) throws IOException {
    if (heads > train.size()) {
      throw new IllegalArgumentException("the dataset has " + train.size() + " samples, fewer than --heads " + heads);
    }
    int d = 3 * referenceHead.vertexCount();
    float[][] errors = new float[heads][];
    for (int i = 0; i < heads; i++) {
      Sample s = train.get(i);
      VaeExample ex = VaeExample.of(s, referenceHead);
      float[] head = ex.frame().fromUnit(retopologizer.encodeDecode(ex, i).positions()); // [V*3] metres
      float[] truth = s.vertices();
      float[] e = new float[d];
      for (int j = 0; j < d; j++) {
        e[j] = truth[j] - head[j];
      }
      errors[i] = e;
      progress.accept(i + 1);
    }
    return ErrorModes.fit(errors, modes);
  }
}
