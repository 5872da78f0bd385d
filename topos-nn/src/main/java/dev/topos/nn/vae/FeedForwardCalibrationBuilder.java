package dev.topos.nn.vae;

import dev.topos.geometry.Mesh;
import dev.topos.geometry.PrincipalModes;
import dev.topos.synth.dataset.DatasetReader;
import dev.topos.synth.dataset.Sample;
import java.io.IOException;
import java.util.function.LongConsumer;

/**
 * Fits a {@link FeedForwardCalibration} for a model: the network's feed-forward heads and latents
 * ({@link Retopologizer#encodeDecode}, seed = the sample's index) on the first {@code heads} samples
 * of a training set, each prepared as {@code topos eval vae} prepares a test scan ({@link
 * VaeExample#of}); the principal directions of those heads and of their errors (truth minus head,
 * unit frame) on the first {@code basisHeads}; then the ridge regression over all of them. The
 * network's answer is byte-identical run to run and the algebra is sequential, so the same data and
 * weights give the same file.
 */
public final class FeedForwardCalibrationBuilder {
  private FeedForwardCalibrationBuilder() {}

  /**
   * What to fit.
   *
   * @param heads training heads the regression is fitted on
   * @param basisHeads the first of them, on which both bases are fitted (at most {@code heads})
   * @param headModes directions of the decoded heads used as features (0: none)
   * @param latentProjections seeded projections of the latent used as features (0: none)
   * @param errorModes directions of the error that are regressed
   * @param ridge the ridge weight ({@link FeedForwardCalibration#ridge})
   * @param seed the projections' seed
   */
  public record Settings(int heads, int basisHeads, int headModes, int latentProjections, int errorModes, double ridge, long seed) {
    public Settings {
      if (basisHeads > heads || headModes < 0 || latentProjections < 0 || errorModes < 1 || errorModes >= basisHeads
          || headModes >= basisHeads || !(ridge >= 0) || !Double.isFinite(ridge)) {
        throw new IllegalArgumentException("bad calibration settings: " + heads + " heads, " + basisHeads + " for the bases, "
            + headModes + " head directions, " + latentProjections + " projections, " + errorModes + " error directions, ridge "
            + ridge);
      }
      if (heads <= headModes + latentProjections + 1) {
        throw new IllegalArgumentException("the calibration needs more heads (" + heads + ") than features ("
            + (headModes + latentProjections + 1) + ")");
      }
    }
  }

  /**
   * @param network the model without a calibration (its {@link Retopologizer#encodeDecode})
   * @param referenceHead the reference head
   * @param train a training dataset (never the split that will be evaluated)
   * @param settings what to fit
   * @param progress told after each head's feed-forward pass
   */
  public static FeedForwardCalibration build(Retopologizer network, Mesh referenceHead, DatasetReader train, Settings settings,
      LongConsumer progress) throws IOException {
    int n = settings.heads();
    if (n > train.size()) {
      throw new IllegalArgumentException("the dataset has " + train.size() + " samples, fewer than " + n + " heads");
    }
    float[][] heads = new float[n][];
    float[][] latents = new float[n][];
    float[][] errors = new float[n][];
    for (int i = 0; i < n; i++) {
      Sample s = train.get(i);
      VaeExample ex = VaeExample.of(s, referenceHead);
      Retopologizer.Result r = network.encodeDecode(ex, i);
      heads[i] = r.positions(); // [3V] unit frame
      latents[i] = r.latent(); // [L*C]
      float[] truth = ex.targetPositions();
      float[] e = new float[truth.length];
      for (int j = 0; j < e.length; j++) {
        e[j] = truth[j] - heads[i][j];
      }
      errors[i] = e;
      progress.accept(i + 1);
    }
    return fit(heads, latents, errors, settings);
  }

  /**
   * The fit itself, from the network's answers on training heads: the bases on the first {@code
   * basisHeads}, then the regression over all. The arrays are released as it goes (their rows set
   * to null).
   *
   * @param heads decoded heads, [3V] each (unit frame)
   * @param latents their latents
   * @param errors truth minus head, [3V] each (unit frame)
   */
  public static FeedForwardCalibration fit(float[][] heads, float[][] latents, float[][] errors, Settings settings) {
    int n = settings.heads();
    if (heads.length != n || latents.length != n || errors.length != n) {
      throw new IllegalArgumentException("expected " + n + " heads, latents and errors");
    }
    int b = settings.basisHeads();
    PrincipalModes headBasis = settings.headModes() == 0 ? null
        : PrincipalModes.fit(java.util.Arrays.copyOf(heads, b), settings.headModes());
    PrincipalModes errorBasis = PrincipalModes.fit(java.util.Arrays.copyOf(errors, b), settings.errorModes());
    int latentSize = latents[0].length;
    float[] projections = FeedForwardCalibration.projections(settings.latentProjections(), latentSize, settings.seed());
    double[][] features = new double[n][];
    double[][] targets = new double[n][];
    for (int i = 0; i < n; i++) {
      features[i] = FeedForwardCalibration.features(headBasis, projections, settings.latentProjections(), heads[i], latents[i]);
      targets[i] = FeedForwardCalibration.targets(errorBasis, errors[i]);
      heads[i] = null;
      errors[i] = null;
    }
    float[] weights = FeedForwardCalibration.ridgeRegression(features, targets, settings.ridge());
    return new FeedForwardCalibration(headBasis, settings.latentProjections(), latentSize, settings.seed(), errorBasis, weights, n,
        settings.ridge());
  }
}
