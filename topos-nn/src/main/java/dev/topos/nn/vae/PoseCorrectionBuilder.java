package dev.topos.nn.vae;

import dev.topos.geometry.Mesh;
import dev.topos.geometry.RidgeRegression;
import dev.topos.synth.dataset.DatasetReader;
import dev.topos.synth.dataset.Sample;
import dev.topos.topology.ReferenceTopology;
import dev.topos.topology.fit.MeanHeadFit;
import dev.topos.topology.fit.ScanPose;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.function.LongConsumer;

/**
 * Fits a {@link PoseCorrection} for a model: each of the first {@code heads} samples of one or more
 * training sets (read in order) turned by a seeded random pose ({@link PoseCorrection.Turns}), scan and truth alike
 * ({@link VaeExample#ofTurned}); its pose estimated as {@code topos retopo} estimates it
 * ({@link ScanPose#estimate}); the scan levelled by the estimate and encoded by the network (seed = the
 * head's index); then a ridge regression, streamed ({@link RidgeRegression}), from that latent and the
 * estimate to the turn the estimate left ({@link ScanPose#leftAfter}). The same data, weights and
 * settings give the same file.
 */
public final class PoseCorrectionBuilder {
  private PoseCorrectionBuilder() {}

  /**
   * What to fit.
   *
   * @param heads turned training heads the regression is fitted on
   * @param turns how they are turned
   * @param latentProjections seeded projections of the latent the regression is fitted on (0: the
   *     latent itself, which needs more heads than latent values); their weights are carried back onto the latent
   * @param ridge the ridge weight ({@link PoseCorrection#ridge})
   * @param projectionSeed the projections' seed
   */
  public record Settings(int heads, PoseCorrection.Turns turns, int latentProjections, double ridge, long projectionSeed) {
    public Settings {
      if (heads < 1 || latentProjections < 0 || !(ridge >= 0) || !Double.isFinite(ridge)) {
        throw new IllegalArgumentException("bad pose-correction settings: " + heads + " heads, " + latentProjections
            + " projections, ridge " + ridge);
      }
    }

    /** Fails unless there are more heads than features for a latent of this size (checked before any head is read). */
    public void requireMoreHeadsThanFeatures(int latentSize) {
      int features = (latentProjections == 0 ? latentSize : latentProjections) + PoseCorrection.AFTER_LATENT;
      if (heads <= features) {
        throw new IllegalArgumentException("the pose correction needs more heads (" + heads + ") than features (" + features
            + (latentProjections == 0 ? ": the latent's " + latentSize + " values, the estimate's 3 and a constant; give more "
                + "heads, or fit through --latent-projections P" : "") + ")");
      }
    }
  }

  /**
   * @param network the model (its {@link Retopologizer#encodeDecode}; a calibration is not used)
   * @param topology the reference topology (its head is the mean head fitted for the estimate)
   * @param train training datasets, read in order as one (never the split that will be evaluated)
   * @param settings what to fit
   * @param progress told after each head
   */
  public static PoseCorrection build(Retopologizer network, ReferenceTopology topology, List<DatasetReader> train, Settings settings,
      LongConsumer progress) throws IOException {
    TrainingSets.requireHeads(train, settings.heads());
    try {
      return build(network, topology, TrainingSets.samples(train), settings, progress);
    } catch (UncheckedIOException e) { // a shard that cannot be read
      throw e.getCause();
    }
  }

  /**
   * {@link #build(Retopologizer, ReferenceTopology, List, Settings, LongConsumer)} from samples given
   * in order (the first {@code heads} are used; head i is the i-th).
   */
  public static PoseCorrection build(Retopologizer network, ReferenceTopology topology, Iterator<Sample> samples, Settings settings,
      LongConsumer progress) {
    int n = settings.heads();
    Mesh head = topology.head();
    MeanHeadFit meanHead = new MeanHeadFit(topology);
    Random random = new Random(settings.turns().seed());
    float[] projections = null;
    RidgeRegression regression = null;
    int latentSize = -1;
    for (int i = 0; i < n; i++) {
      if (!samples.hasNext()) {
        throw new IllegalArgumentException("the training data has " + i + " samples, fewer than " + n + " heads");
      }
      Sample s = samples.next();
      ScanPose truth = settings.turns().draw(random, centroid(s.vertices(), head.vertexCount()));
      VaeExample turned = VaeExample.ofTurned(s, head, truth);
      ScanPose estimate = ScanPose.estimate(meanHead, turned.scanCloud());
      float[] latent = network.encodeDecode(turned.levelled(estimate), i).latent(); // [L*C]
      if (regression == null) {
        latentSize = latent.length;
        settings.requireMoreHeadsThanFeatures(latentSize);
        projections = settings.latentProjections() == 0 ? null
            : LatentProjections.make(settings.latentProjections(), latentSize, settings.projectionSeed()); // [Np, L*C]
        int features = (projections == null ? latentSize : settings.latentProjections()) + PoseCorrection.AFTER_LATENT;
        regression = new RidgeRegression(features, 3);
      }
      regression.add(PoseCorrection.features(projections, latent, estimate), truth.leftAfter(estimate).rotationVectorDegrees());
      progress.accept(i + 1);
    }
    float[] weights = regression.solve(settings.ridge()); // [P, 3]
    if (projections != null) {
      weights = LatentProjections.carryBack(weights, projections, latentSize, 0, PoseCorrection.AFTER_LATENT, 3);
    }
    return new PoseCorrection(latentSize, weights, n, settings.ridge(), settings.latentProjections(), settings.projectionSeed(),
        settings.turns());
  }

  /** The centroid of the first {@code count} vertices of {@code xyz}, metres, [3]. */
  static double[] centroid(float[] xyz, int count) {
    double[] c = new double[3];
    for (int v = 0; v < count; v++) {
      for (int k = 0; k < 3; k++) {
        c[k] += xyz[3 * v + k] / (double) count;
      }
    }
    return c;
  }
}
