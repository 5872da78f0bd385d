package dev.topos.nn.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.topos.geometry.Metrics;
import dev.topos.nn.ParameterSet;
import dev.topos.nn.train.TrainTask;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Trains a {@link TopoVae} on prepared examples: batch s draws B examples and N points each from
 * (seed, s) alone; validation reconstructs held-out examples from the posterior mean and reports
 * the per-vertex error in millimetres (back in metres through each scan's frame).
 */
public final class VaeTrainTask implements TrainTask {
  private final TopoVae vae;
  private final List<VaeExample> train;
  private final List<VaeExample> validation;
  private final int batchSize;

  public VaeTrainTask(TopoVae vae, List<VaeExample> train, List<VaeExample> validation, int batchSize) {
    if (train.isEmpty()) {
      throw new IllegalArgumentException("no training examples");
    }
    this.vae = vae;
    this.train = train;
    this.validation = validation;
    this.batchSize = batchSize;
  }

  @Override
  public ParameterSet parameters() {
    return vae.parameters();
  }

  /** The examples and point subsets of step s, a pure function of (seed, s). */
  VaeBatch batch(long seed, long step) {
    SplittableRandom rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + step);
    int n = vae.config().points();
    int v = vae.template().vertexCount();
    float[] inputs = new float[batchSize * n * 6];
    float[] positions = new float[batchSize * v * 3];
    float[] normals = new float[batchSize * v * 3];
    for (int b = 0; b < batchSize; b++) {
      VaeExample e = train.get(rng.nextInt(train.size()));
      System.arraycopy(e.subsample(n, rng), 0, inputs, b * n * 6, n * 6);
      System.arraycopy(e.targetPositions(), 0, positions, b * v * 3, v * 3);
      System.arraycopy(e.targetNormals(), 0, normals, b * v * 3, v * 3);
    }
    return new VaeBatch(batchSize, n, inputs, positions, normals);
  }

  @Override
  public Map<String, NDArray> losses(NDManager scope, long seed, long step) {
    return vae.losses(scope, batch(seed, step), seed ^ (step * 0xBF58476D1CE4E5B9L));
  }

  @Override
  public Map<String, Double> validate() {
    double sum = 0;
    int n = vae.config().points();
    for (int i = 0; i < validation.size(); i++) {
      VaeExample e = validation.get(i);
      float[] out = vae.reconstruct(e.subsample(n, new SplittableRandom(i)));
      sum += Metrics.perVertexError(e.frame().fromUnit(positions(out)), e.frame().fromUnit(e.targetPositions())).meanMm();
    }
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("val_vertex_mm", validation.isEmpty() ? Double.NaN : sum / validation.size());
    return m;
  }

  /** Positions [V*3] of a [V*6] reconstruction. */
  public static float[] positions(float[] out) {
    float[] p = new float[out.length / 2];
    for (int i = 0; i < p.length / 3; i++) {
      System.arraycopy(out, 6 * i, p, 3 * i, 3);
    }
    return p;
  }

  @Override
  public void save(Path dir) throws IOException {
    vae.save(dir);
  }
}
