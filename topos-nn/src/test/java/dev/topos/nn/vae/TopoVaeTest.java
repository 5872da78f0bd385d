package dev.topos.nn.vae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.topos.geometry.Mesh;
import dev.topos.topology.ReferenceTopology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TOPOS-VAE at the cpu-small preset: shapes, determinism, invariances, checkpoints. */
class TopoVaeTest {
  static final int POINTS = 300; // the encoder takes any N; fewer points keep the suite fast
  static Mesh head;
  static VaeConfig config;
  static VaeTemplate template;
  static TopoVae vae;
  static VaeBatch batch;

  @BeforeAll
  static void build() {
    head = ReferenceTopology.loadBundled().head();
    config = VaeConfig.cpuSmall();
    template = VaeTemplate.of(head, config.pyramid());
    vae = TopoVae.create(config, template, 11);
    batch = TestBatches.random(template, 3, POINTS, 5);
  }

  @AfterAll
  static void close() {
    vae.close();
  }

  @Test
  void encoderDecoderAndFullModelHaveTheirShapes() {
    try (NDManager scope = NDManager.newBaseManager()) {
      NDArray points = scope.create(batch.inputs(), new Shape(3, POINTS, 6));
      Posterior posterior = vae.encode(points);
      Shape latent = new Shape(3, template.tokens(), config.latentChannels());
      assertEquals(latent, posterior.mean().getShape());
      assertEquals(latent, posterior.logVar().getShape());
      assertEquals(new Shape(3, template.vertexCount(), 6), vae.decode(posterior.mean()).getShape());
      assertEquals(new Shape(3, template.vertexCount(), 6), vae.reconstruct(points).getShape());
      assertEquals(323, vae.tokens());
      assertThrows(IllegalArgumentException.class, () -> vae.decode(scope.zeros(new Shape(1, 5, config.latentChannels()))));
      assertThrows(IllegalArgumentException.class, () -> vae.encode(scope.zeros(new Shape(1, 5, 3))));
    }
  }

  @Test
  void everythingAForwardPassCreatesLivesInTheCallersScope() {
    int before = vae.parameters().manager().getManagedArrays().size();
    try (NDManager scope = NDManager.newBaseManager()) {
      vae.reconstruct(scope.create(batch.inputs(), new Shape(3, POINTS, 6)));
      vae.losses(scope, batch, 1);
    }
    assertEquals(before, vae.parameters().manager().getManagedArrays().size());
  }

  @Test
  void twoForwardPassesAreEqualAndTheSameSeedGivesTheSameModel() {
    float[] first = reconstruct(vae, batch.inputs(), 3);
    assertArrayEquals(first, reconstruct(vae, batch.inputs(), 3));
    try (TopoVae twin = TopoVae.create(config, template, 11)) {
      assertArrayEquals(first, reconstruct(twin, batch.inputs(), 3));
    }
    try (TopoVae other = TopoVae.create(config, template, 12)) {
      float[] different = reconstruct(other, batch.inputs(), 3);
      assertTrue(maxAbsDiff(first, different) > 1e-4, "another seed must give another model");
    }
  }

  @Test
  void sparseAndGatherGraphOpsGiveTheSameModel() {
    try (TopoVae gather = TopoVae.create(config.withGraphOp(dev.topos.nn.GraphOp.GATHER), template, 11)) {
      double diff = maxAbsDiff(reconstruct(vae, batch.inputs(), 3), reconstruct(gather, batch.inputs(), 3));
      assertTrue(diff < 1e-4, "SPARSE and GATHER differ by " + diff);
    }
  }

  @Test
  void encoderIsInvariantToThePointOrder() {
    float[] one = sample(batch.inputs(), 0);
    float[] shuffled = shuffled(one, 9);
    try (NDManager scope = NDManager.newBaseManager()) {
      Posterior a = vae.encode(scope.create(one, new Shape(1, POINTS, 6)));
      Posterior b = vae.encode(scope.create(shuffled, new Shape(1, POINTS, 6)));
      assertTrue(maxAbsDiff(a.mean().toFloatArray(), b.mean().toFloatArray()) < 1e-4);
      assertTrue(maxAbsDiff(a.logVar().toFloatArray(), b.logVar().toFloatArray()) < 1e-4);
    }
  }

  @Test
  void localAttentionKeepsTheOrderInvarianceAndChangesTheEncodingOnceItsWeightsMove() {
    float[] one = sample(batch.inputs(), 0);
    float[] shuffled = shuffled(one, 4);
    try (TopoVae local = TopoVae.create(config.withLocalAttention(true), template, 11);
        NDManager scope = NDManager.newBaseManager()) {
      // at zero locality and zero anchor offsets it is the paper's encoder, parameter for parameter
      assertArrayEquals(reconstruct(vae, batch.inputs(), 3), reconstruct(local, batch.inputs(), 3));
      for (int layer = 0; layer < config.encoderLayers(); layer++) {
        String name = "encoder.layers." + layer;
        local.parameters().get(name + ".locality").set(new ai.djl.ndarray.index.NDIndex("..."), scope.create(new float[] {3f, 0.5f}));
        local.parameters().get(name + ".anchor.b").set(new ai.djl.ndarray.index.NDIndex("..."), scope.create(new float[] {0.02f, -0.01f, 0.03f}));
      }
      Posterior a = local.encode(scope.create(one, new Shape(1, POINTS, 6)));
      Posterior b = local.encode(scope.create(shuffled, new Shape(1, POINTS, 6)));
      assertTrue(maxAbsDiff(a.mean().toFloatArray(), b.mean().toFloatArray()) < 1e-4);
      assertTrue(maxAbsDiff(a.logVar().toFloatArray(), b.logVar().toFloatArray()) < 1e-4);
      Posterior paper = vae.encode(scope.create(one, new Shape(1, POINTS, 6)));
      double moved = maxAbsDiff(a.mean().toFloatArray(), paper.mean().toFloatArray());
      assertTrue(moved > 1e-3, "locality must change the encoding, moved " + moved);
    }
  }

  @Test
  void localPatchesKeepTheOrderInvarianceAndPlaceAnchorsThatTheLossTrains() {
    float[] one = sample(batch.inputs(), 1);
    float[] shuffled = shuffled(one, 6);
    try (TopoVae patched = TopoVae.create(config.withLocalPatch(8), template, 11);
        NDManager scope = NDManager.newBaseManager()) {
      // the output projection starts at zero: the paper's encoder, parameter for parameter
      assertArrayEquals(reconstruct(vae, batch.inputs(), 3), reconstruct(patched, batch.inputs(), 3));
      NDArray out = patched.parameters().get("encoder.patch.out.w");
      out.set(new ai.djl.ndarray.index.NDIndex("..."), scope.randomNormal(0f, 0.1f, out.getShape(), ai.djl.ndarray.types.DataType.FLOAT32));
      Posterior a = patched.encode(scope.create(one, new Shape(1, POINTS, 6)));
      Posterior b = patched.encode(scope.create(shuffled, new Shape(1, POINTS, 6)));
      assertTrue(maxAbsDiff(a.mean().toFloatArray(), b.mean().toFloatArray()) < 1e-4);
      assertEquals(new Shape(1, template.tokens(), 3), a.anchors().getShape());
      // anchors start at the coarse nodes' template positions
      assertTrue(maxAbsDiff(a.anchors().toFloatArray(), template.pyramid().coarsest().positions()) < 1e-6);
      double moved = maxAbsDiff(a.mean().toFloatArray(), vae.encode(scope.create(one, new Shape(1, POINTS, 6))).mean().toFloatArray());
      assertTrue(moved > 1e-3, "patches must change the encoding, moved " + moved);
      Map<String, NDArray> losses = patched.losses(scope, batch, 2);
      assertTrue(losses.containsKey("anchor_l1") && Float.isFinite(losses.get("anchor_l1").getFloat()));
      assertTrue(!vae.losses(scope, batch, 2).containsKey("anchor_l1"));
    }
  }

  @Test
  void aConfigStoredBeforeLocalAttentionLoadsWithoutIt() {
    String stored = config.toJson().replaceAll(",\\s*\"localAttention\": (true|false)", "")
        .replaceAll(",\\s*\"localPatch\": \\d+", "");
    assertTrue(!stored.contains("localAttention") && !stored.contains("localPatch"), stored);
    assertEquals(config.withLocalAttention(false), VaeConfig.fromJson(stored));
    assertTrue(VaeConfig.fromJson(config.withLocalAttention(true).toJson()).localAttention());
  }

  @Test
  void aBatchEqualsItsSamplesOneByOne() {
    float[] together = reconstruct(vae, batch.inputs(), 3);
    int per = together.length / 3;
    for (int s = 0; s < 3; s++) {
      float[] alone = vae.reconstruct(sample(batch.inputs(), s));
      float[] part = java.util.Arrays.copyOfRange(together, s * per, (s + 1) * per);
      assertTrue(maxAbsDiff(part, alone) < 1e-4, "sample " + s + " differs by " + maxAbsDiff(part, alone));
    }
  }

  @Test
  void untrainedReconstructionStaysNearTheTemplate() {
    float[] out = vae.reconstruct(sample(batch.inputs(), 0));
    double worst = 0;
    for (int v = 0; v < template.vertexCount(); v++) {
      for (int a = 0; a < 3; a++) {
        worst = Math.max(worst, Math.abs(out[6 * v + a] - template.positions()[3 * v + a]));
      }
    }
    // The head starts small (gain 0.1): offsets of a few hundredths of the unit ball, never the whole ball.
    assertTrue(worst < 0.5, "worst offset " + worst);
  }

  @Test
  void lossesAreFiniteNamedScalars() {
    try (NDManager scope = NDManager.newBaseManager()) {
      Map<String, NDArray> losses = vae.losses(scope, batch, 3);
      assertEquals(List.of("position_l1", "position_mse", "normal_l1", "normal_mse", "face_normal", "angle", "dihedral", "kl", "total"),
          List.copyOf(losses.keySet()));
      for (var e : losses.entrySet()) {
        assertEquals(new Shape(), e.getValue().getShape(), e.getKey());
        float v = e.getValue().getFloat();
        assertTrue(Float.isFinite(v) && v >= 0, e.getKey() + " = " + v);
      }
      // Same noise seed, same losses; the noise enters through the sampled latent.
      assertEquals(losses.get("total").getFloat(), vae.losses(scope, batch, 3).get("total").getFloat());
    }
  }

  @Test
  void saveThenLoadGivesIdenticalOutputs(@TempDir Path dir) throws IOException {
    vae.save(dir);
    assertTrue(Files.exists(dir.resolve(TopoVae.CONFIG_FILE)) && Files.exists(dir.resolve(TopoVae.PARAMETERS_FILE)));
    try (TopoVae loaded = TopoVae.load(dir, head)) {
      assertEquals(config, loaded.config());
      assertEquals(vae.parameters().count(), loaded.parameters().count());
      assertArrayEquals(reconstruct(vae, batch.inputs(), 3), reconstruct(loaded, batch.inputs(), 3));
    }
    try (var files = Files.list(dir)) {
      assertEquals(2, files.count(), "no temporary files left behind");
    }
  }

  static float[] reconstruct(TopoVae model, float[] inputs, int b) {
    try (NDManager scope = NDManager.newBaseManager()) {
      return model.reconstruct(scope.create(inputs, new Shape(b, inputs.length / (6 * b), 6))).toFloatArray();
    }
  }

  static float[] sample(float[] inputs, int s) {
    return java.util.Arrays.copyOfRange(inputs, s * POINTS * 6, (s + 1) * POINTS * 6);
  }

  /** The points of one sample ({@code [POINTS*6]}) in a random order. */
  static float[] shuffled(float[] points, long seed) {
    int[] perm = permutation(POINTS, new SplittableRandom(seed));
    float[] out = new float[points.length];
    for (int i = 0; i < POINTS; i++) {
      System.arraycopy(points, 6 * perm[i], out, 6 * i, 6);
    }
    return out;
  }

  static int[] permutation(int n, SplittableRandom r) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  static double maxAbsDiff(float[] a, float[] b) {
    double m = 0;
    for (int i = 0; i < a.length; i++) {
      m = Math.max(m, Math.abs(a[i] - b[i]));
    }
    return m;
  }
}
