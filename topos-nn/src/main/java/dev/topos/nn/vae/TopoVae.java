package dev.topos.nn.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.topos.geometry.Mesh;
import dev.topos.nn.ParameterSet;
import dev.topos.nn.Scalars;
import dev.topos.nn.Scope;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * TOPOS-VAE: {@link PerceiverEncoder} from surface points to a Gaussian over L latent tokens of C
 * channels (one per coarse node of the template pyramid), {@link GraphDecoder} from latent tokens
 * to every reference vertex's position and normal. Everything is in the unit-ball
 * {@link dev.topos.topology.pyramid.VaeFrame}; mapping in and out of it is the caller's.
 *
 * <p><b>Scopes.</b> The model owns its parameters and constants (closed by {@link #close()}).
 * Every method that takes or makes NDArrays works in the caller's manager: inputs carry it, and
 * everything the method creates is attached to it. Close that manager (try-with-resources) after
 * each step.
 *
 * <p><b>A training step</b> (the loop, schedule, clipping and logging are the caller's):
 * <pre>{@code
 * Optimizer adamW = Optimizer.adamW()
 *     .optLearningRateTracker(Tracker.fixed(1e-3f)).optWeightDecays(0.01f).build();
 * try (NDManager step = NDManager.newBaseManager();
 *     GradientCollector gc = Engine.getInstance().newGradientCollector()) {
 *   Map<String, NDArray> losses = vae.losses(step, batch, noiseSeed);
 *   gc.backward(losses.get("total"));
 * }
 * vae.parameters().update(adamW); // AdamW on every parameter, then gradients zeroed
 * }</pre>
 *
 * <p><b>Checkpoints.</b> {@link #save(Path)} writes {@code config.json} ({@link VaeConfig#toJson()})
 * and {@code parameters.bin} ({@link ParameterSet} format) into a directory, each atomically;
 * {@link #load(Path, Mesh)} restores the architecture from the JSON and the values from the file.
 *
 * <p><b>Threads.</b> DJL's PyTorch engine runs each operation on its intra-op thread pool (as many
 * threads as cores unless {@code ai.djl.pytorch.num_threads} says otherwise); a model is not safe
 * for concurrent training steps.
 */
public final class TopoVae implements AutoCloseable {

  /** File names inside a checkpoint directory. */
  public static final String CONFIG_FILE = "config.json";

  public static final String PARAMETERS_FILE = "parameters.bin";

  private final VaeConfig config;
  private final VaeTemplate template;
  private final NDManager manager;
  private final ParameterSet parameters;
  private final PerceiverEncoder encoder;
  private final GraphDecoder decoder;
  private final MeshLosses meshLosses;
  private final NDArray nodeMeans; // [L, V] constant: averages vertices into coarse nodes (local patches' anchor target); null without

  private TopoVae(VaeConfig config, VaeTemplate template, NDManager manager, ParameterSet parameters) {
    if (!template.pyramid().spec().equals(config.pyramid())) {
      throw new IllegalArgumentException("template pyramid " + template.pyramid().spec() + " differs from the config's " + config.pyramid());
    }
    this.config = config;
    this.template = template;
    this.manager = manager;
    this.parameters = parameters;
    this.encoder = new PerceiverEncoder(config, parameters, template);
    this.decoder = new GraphDecoder(config, parameters, template);
    this.meshLosses = new MeshLosses(template, parameters.manager());
    this.nodeMeans = config.localPatch() > 0 ? nodeMeans(template, parameters.manager()) : null;
    parameters.checkAllClaimed();
  }

  /** A new model with parameters drawn from {@code seed} (the same seed gives the same values). */
  public static TopoVae create(VaeConfig config, VaeTemplate template, long seed) {
    NDManager manager = NDManager.newBaseManager();
    try {
      return new TopoVae(config, template, manager, ParameterSet.fresh(manager, seed));
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  /** A new model over a head mesh (metres), its template built here. */
  public static TopoVae create(VaeConfig config, Mesh head, long seed) {
    return create(config, VaeTemplate.of(head, config.pyramid()), seed);
  }

  /** Loads a checkpoint directory written by {@link #save(Path)}. */
  public static TopoVae load(Path dir, Mesh head) throws IOException {
    VaeConfig config = VaeConfig.fromJson(Files.readString(dir.resolve(CONFIG_FILE), StandardCharsets.UTF_8));
    return load(dir, VaeTemplate.of(head, config.pyramid()));
  }

  /** Loads weights from a config JSON and a parameter stream (e.g. weights bundled as classpath resources). */
  public static TopoVae load(String configJson, InputStream parameters, Mesh head) throws IOException {
    VaeConfig config = VaeConfig.fromJson(configJson);
    NDManager manager = NDManager.newBaseManager();
    try (InputStream in = new BufferedInputStream(parameters)) {
      return new TopoVae(config, VaeTemplate.of(head, config.pyramid()), manager, ParameterSet.read(manager, in));
    } catch (IOException | RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  /** Loads a checkpoint directory with an already built template (its pyramid must match the stored config). */
  public static TopoVae load(Path dir, VaeTemplate template) throws IOException {
    VaeConfig config = VaeConfig.fromJson(Files.readString(dir.resolve(CONFIG_FILE), StandardCharsets.UTF_8));
    NDManager manager = NDManager.newBaseManager();
    try (InputStream in = new BufferedInputStream(Files.newInputStream(dir.resolve(PARAMETERS_FILE)))) {
      return new TopoVae(config, template, manager, ParameterSet.read(manager, in));
    } catch (IOException | RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  /** Writes {@code config.json} and {@code parameters.bin} into {@code dir} (created if needed), each via a temporary file and a rename. */
  public void save(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path configTmp = Files.createTempFile(dir, CONFIG_FILE, ".tmp");
    Path paramsTmp = Files.createTempFile(dir, PARAMETERS_FILE, ".tmp");
    try {
      Files.writeString(configTmp, config.toJson(), StandardCharsets.UTF_8);
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(paramsTmp))) {
        parameters.write(out);
      }
      Files.move(configTmp, dir.resolve(CONFIG_FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      Files.move(paramsTmp, dir.resolve(PARAMETERS_FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(configTmp);
      Files.deleteIfExists(paramsTmp);
    }
  }

  public VaeConfig config() {
    return config;
  }

  public VaeTemplate template() {
    return template;
  }

  /** The trainable parameters (for the optimizer, gradient clipping, EMA, counting). */
  public ParameterSet parameters() {
    return parameters;
  }

  /** L, latent tokens. */
  public int tokens() {
    return template.tokens();
  }

  /** {@code points [B, N, 6]} (unit-frame xyz and unit normal) -> the posterior over {@code [B, L, C]}. */
  public Posterior encode(NDArray points) {
    Shape s = points.getShape();
    if (s.dimension() != 3 || s.get(2) != 6) {
      throw new IllegalArgumentException("points must be [B, N, 6], got " + s);
    }
    return encoder.encode(points);
  }

  /** {@code latent [B, L, C]} -> {@code [B, V, 6]}: unit-frame positions, then normals (not renormalised). */
  public NDArray decode(NDArray latent) {
    return decodeNodesFirst(latent).transpose(1, 0, 2); // [B, V, 6]
  }

  private NDArray decodeNodesFirst(NDArray latent) {
    Shape s = latent.getShape();
    if (s.dimension() != 3 || s.get(1) != tokens() || s.get(2) != config.latentChannels()) {
      throw new IllegalArgumentException("latent must be [B, " + tokens() + ", " + config.latentChannels() + "], got " + s);
    }
    return decoder.decode(latent); // [V, B, 6]
  }

  /** Deterministic reconstruction: decode the posterior mean. {@code points [B, N, 6]} -> {@code [B, V, 6]}. */
  public NDArray reconstruct(NDArray points) {
    return decode(encode(points).mean());
  }

  /**
   * One sample at the boundary: points {@code [N*6]} (unit frame) in, the reconstruction from the
   * posterior mean out, {@code [V*6]} (position then normal per vertex). Runs in its own scope.
   */
  public float[] reconstruct(float[] points) {
    if (points.length == 0 || points.length % 6 != 0) {
      throw new IllegalArgumentException("points must be [N*6], got length " + points.length);
    }
    try (NDManager scope = NDManager.newBaseManager()) {
      NDArray in = scope.create(points, new Shape(1, points.length / 6, 6));
      return reconstruct(in).toFloatArray();
    }
  }

  /**
   * The training losses of a batch, every array in {@code scope}: {@code position_l1},
   * {@code position_mse}, {@code normal_l1}, {@code normal_mse}, {@code face_normal}, {@code angle},
   * {@code dihedral}, {@code kl}, with local patches {@code anchor_l1} (the L1 distance of the
   * encoder's node anchors from the true node positions) (each unweighted, a scalar) and
   * {@code total} (weighted by the config; {@code anchor_l1} by {@code positionWeight}). The latent is sampled with standard normal noise drawn from {@code noiseSeed}.
   */
  public Map<String, NDArray> losses(NDManager scope, VaeBatch batch, long noiseSeed) {
    int b = batch.size();
    int v = template.vertexCount();
    if (batch.vertices() != v) {
      throw new IllegalArgumentException("targets have " + batch.vertices() + " vertices, the template " + v);
    }
    NDArray points = scope.create(batch.inputs(), new Shape(b, batch.points(), 6)); // [B, N, 6]
    NDArray targetPositions = scope.create(nodesFirst(batch.targetPositions(), b, v), new Shape(v, b, 3)); // [V, B, 3]
    NDArray targetNormals = scope.create(nodesFirst(batch.targetNormals(), b, v), new Shape(v, b, 3)); // [V, B, 3]
    Posterior posterior = encode(points);
    NDArray noise = scope.create(gaussian(noiseSeed, b * tokens() * config.latentChannels()),
        new Shape(b, tokens(), config.latentChannels())); // [B, L, C]
    NDArray out = decodeNodesFirst(posterior.sample(noise)); // [V, B, 6]
    NDArray positions = out.get(":, :, 0:3"); // [V, B, 3]
    NDArray normals = out.get(":, :, 3:6"); // [V, B, 3]
    Map<String, NDArray> losses = new LinkedHashMap<>();
    NDArray dp = positions.sub(targetPositions);
    NDArray dn = normals.sub(targetNormals);
    losses.put("position_l1", dp.abs().mean());
    losses.put("position_mse", dp.square().mean());
    losses.put("normal_l1", dn.abs().mean());
    losses.put("normal_mse", dn.square().mean());
    NDArray[] mesh = meshLosses.losses(positions, targetPositions);
    losses.put("face_normal", mesh[0]);
    losses.put("angle", mesh[1]);
    losses.put("dihedral", mesh[2]);
    losses.put("kl", posterior.kl());
    if (nodeMeans != null) {
      NDArray flat = targetPositions.reshape(v, (long) b * 3); // [V, B*3]
      NDArray targetNodes = Scope.into(nodeMeans.matMul(flat), flat) // [L, B*3]
          .reshape(tokens(), b, 3).transpose(1, 0, 2); // [B, L, 3]
      losses.put("anchor_l1", posterior.anchors().sub(targetNodes).abs().mean());
    }
    NDArray total = Scalars.times(losses.get("position_l1").add(losses.get("position_mse")), config.positionWeight())
        .add(Scalars.times(losses.get("normal_l1").add(losses.get("normal_mse")), config.normalWeight()))
        .add(Scalars.times(losses.get("face_normal"), config.faceNormalWeight()))
        .add(Scalars.times(losses.get("angle"), config.angleWeight()))
        .add(Scalars.times(losses.get("dihedral"), config.dihedralWeight()))
        .add(Scalars.times(losses.get("kl"), config.klWeight()));
    if (nodeMeans != null) {
      total = total.add(Scalars.times(losses.get("anchor_l1"), config.positionWeight()));
    }
    losses.put("total", total);
    return losses;
  }

  /** {@code [L, V]}: row l averages the vertices of coarse node l (the node's position is their mean). */
  private static NDArray nodeMeans(VaeTemplate template, NDManager manager) {
    int v = template.vertexCount();
    int l = template.tokens();
    int[] node = template.pyramid().ancestors(template.pyramid().depth());
    int[] count = template.pyramid().coarsest().vertexCounts();
    float[] m = new float[l * v];
    for (int i = 0; i < v; i++) {
      m[node[i] * v + i] = 1f / count[node[i]];
    }
    return manager.create(m, new Shape(l, v));
  }

  /** {@code [B*V*3]} sample-major to {@code [V*B*3]} vertex-major. */
  private static float[] nodesFirst(float[] sampleMajor, int b, int v) {
    float[] out = new float[sampleMajor.length];
    for (int s = 0; s < b; s++) {
      for (int i = 0; i < v; i++) {
        System.arraycopy(sampleMajor, 3 * (s * v + i), out, 3 * (i * b + s), 3);
      }
    }
    return out;
  }

  private static float[] gaussian(long seed, int count) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] out = new float[count];
    for (int i = 0; i < count; i++) {
      out[i] = (float) dev.topos.geometry.Gaussian.next(random);
    }
    return out;
  }

  @Override
  public void close() {
    parameters.close();
    manager.close();
  }
}
