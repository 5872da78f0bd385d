package dev.topos.nn.vae;

import dev.topos.geometry.Mesh;
import dev.topos.geometry.PrincipalModes;
import dev.topos.geometry.RidgeRegression;
import dev.topos.synth.dataset.DatasetReader;
import dev.topos.synth.dataset.Sample;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Fits a {@link FeedForwardCalibration} for a model: the network's feed-forward heads and latents
 * ({@link Retopologizer#encodeDecode}, seed = the head's index) on the first {@code heads} samples
 * of one or more training sets read in order, each prepared as {@code topos eval vae} prepares a
 * test scan ({@link VaeExample#of}); the principal directions of those heads and of their errors (truth minus head,
 * unit frame) on the first {@code basisHeads}; then the ridge regression over all of them, streamed
 * ({@link RidgeRegression}). The network's answer is byte-identical run to run and the algebra adds
 * in a fixed order, so the same data and weights give the same file.
 */
public final class FeedForwardCalibrationBuilder {
  private FeedForwardCalibrationBuilder() {}

  /**
   * What to fit.
   *
   * @param heads training heads the regression is fitted on
   * @param basisHeads the first of them, on which both bases are fitted (at most {@code heads})
   * @param headModes directions of the decoded heads used as features (0: none)
   * @param latentProjections seeded projections of the latent the regression is fitted on (0: the
   *     latent itself); their weights are carried back onto the latent
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
    }
  }

  /**
   * Fails unless the settings give more heads than features for a latent of this size: the fit would
   * otherwise fail only after the network has run over the basis heads.
   */
  public static void requireMoreHeadsThanFeatures(Settings settings, int latentSize) {
    int latentFeatures = settings.latentProjections() == 0 ? latentSize : settings.latentProjections();
    int features = settings.headModes() + latentFeatures + 1;
    if (settings.heads() <= features) {
      throw new IllegalArgumentException("the calibration needs more heads (" + settings.heads() + ") than features (" + features
          + (settings.latentProjections() == 0 ? ": the latent's " + latentSize + " values; give more heads, or fit on fewer "
              + "--latent-projections" : "") + ")");
    }
  }

  /**
   * @param network the model without a calibration (its {@link Retopologizer#encodeDecode})
   * @param referenceHead the reference head
   * @param train training datasets, read in order as one (never the split that will be evaluated);
   *     head i is encoded with seed i
   * @param settings what to fit
   * @param progress told after each head's feed-forward pass
   */
  public static FeedForwardCalibration build(Retopologizer network, Mesh referenceHead, List<DatasetReader> train, Settings settings,
      LongConsumer progress) throws IOException {
    int n = settings.heads();
    TrainingSets.requireHeads(train, n);
    Fitter fitter = new Fitter(settings);
    int i = 0;
    for (DatasetReader reader : train) {
      for (long k = 0; k < reader.size() && i < n; k++, i++) {
        Sample s = reader.get(k);
        VaeExample ex = VaeExample.of(s, referenceHead);
        Retopologizer.Result r = network.encodeDecode(ex, i);
        fitter.accept(r.positions(), r.latent(), error(ex.targetPositions(), r.positions())); // [3V] unit frame, [L*C], [3V]
        progress.accept(i + 1);
      }
    }
    return fitter.result();
  }

  /** Truth minus head, [3V]. */
  private static float[] error(float[] truth, float[] head) {
    float[] e = new float[truth.length];
    for (int j = 0; j < e.length; j++) {
      e[j] = truth[j] - head[j];
    }
    return e;
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
    Fitter fitter = new Fitter(settings);
    for (int i = 0; i < n; i++) {
      fitter.accept(heads[i], latents[i], errors[i]);
      heads[i] = null;
      latents[i] = null;
      errors[i] = null;
    }
    return fitter.result();
  }

  /**
   * Takes the network's answers one head at a time: keeps the first {@code basisHeads} until both
   * bases are fitted on them, then streams every head into the regression's normal equations, so
   * only those first heads are ever held (about 250 MB for 2,000 shipped-size heads).
   */
  private static final class Fitter {
    private final Settings settings;
    private final List<float[][]> firstHeads = new ArrayList<>(); // {head, latent, error} until the bases exist
    private PrincipalModes headBasis;
    private PrincipalModes errorBasis;
    private float[] projections;
    private int latentSize = -1;
    private int headSize;
    private RidgeRegression regression;
    private int seen;

    Fitter(Settings settings) {
      this.settings = settings;
    }

    void accept(float[] head, float[] latent, float[] error) {
      if (latentSize < 0) {
        latentSize = latent.length;
        headSize = head.length;
      } else if (latent.length != latentSize || head.length != headSize || error.length != headSize) {
        throw new IllegalArgumentException("head " + seen + " differs in size from the first");
      }
      seen++;
      if (regression == null) {
        firstHeads.add(new float[][] {head, latent, error});
        if (firstHeads.size() == settings.basisHeads()) {
          fitBases();
        }
        return;
      }
      add(head, latent, error);
    }

    private void fitBases() {
      int b = firstHeads.size();
      float[][] heads = new float[b][];
      float[][] errors = new float[b][];
      for (int i = 0; i < b; i++) {
        heads[i] = firstHeads.get(i)[0];
        errors[i] = firstHeads.get(i)[2];
      }
      headBasis = settings.headModes() == 0 ? null : PrincipalModes.fit(heads, settings.headModes());
      errorBasis = PrincipalModes.fit(errors, settings.errorModes());
      projections = settings.latentProjections() == 0 ? null
          : LatentProjections.make(settings.latentProjections(), latentSize, settings.seed()); // [Np, L*C]
      int features = (headBasis == null ? 0 : headBasis.count())
          + (projections == null ? latentSize : settings.latentProjections()) + 1;
      requireMoreHeadsThanFeatures(settings, latentSize);
      regression = new RidgeRegression(features, 1 + errorBasis.count());
      for (float[][] answer : firstHeads) {
        add(answer[0], answer[1], answer[2]);
      }
      firstHeads.clear();
    }

    private void add(float[] head, float[] latent, float[] error) {
      regression.add(FeedForwardCalibration.features(headBasis, projections, head, latent), // [P]
          FeedForwardCalibration.targets(errorBasis, error)); // [1 + R]
    }

    FeedForwardCalibration result() {
      if (seen != settings.heads()) {
        throw new IllegalStateException("the calibration was given " + seen + " heads, not " + settings.heads());
      }
      float[] weights = regression.solve(settings.ridge()); // [P, T]
      if (projections != null) {
        weights = ontoLatent(weights);
      }
      return new FeedForwardCalibration(headBasis, latentSize, errorBasis, weights, seen, settings.ridge(),
          settings.latentProjections(), settings.seed());
    }

    /** Weights on the projections carried back onto the latent: {@code W_latent = P' W_projections}, [K + L*C + 1, T]. */
    private float[] ontoLatent(float[] weights) {
      return LatentProjections.carryBack(weights, projections, latentSize, headBasis == null ? 0 : headBasis.count(), 1,
          1 + errorBasis.count());
    }
  }
}
