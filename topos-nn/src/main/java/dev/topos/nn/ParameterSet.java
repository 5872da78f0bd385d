package dev.topos.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.optimizer.Optimizer;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A model's trainable parameters by name, in declaration order, all float32 and all owned by one
 * {@link NDManager} (closed with this set).
 *
 * <p>A set is either <em>fresh</em> ({@link #fresh}): {@link #add} draws each parameter from its
 * {@link Init} with a random stream seeded by {@code (seed, name)}, so the same seed gives the same
 * values bit for bit; or <em>loaded</em> ({@link #read}): {@link #add} hands back the stored values
 * after checking the shape, and {@link #checkAllClaimed()} rejects a file with parameters the model
 * did not ask for. A model declares its parameters the same way in both cases.
 *
 * <p><b>File format</b> (big-endian, {@code DataOutputStream}): the magic {@code "TOPOSNN"}, a
 * format version byte ({@value #VERSION}), the parameter count, then per parameter its name
 * (modified UTF-8), rank, dimensions (longs) and values (floats, row-major). Optimizer state is not
 * part of it.
 *
 * <p><b>Training.</b> Every parameter requires a gradient. After a backward pass (DJL
 * {@code GradientCollector}), {@link #update(Optimizer)} applies the optimizer to each parameter and
 * zeroes the gradients (DJL's PyTorch engine accumulates gradients across backward passes and never
 * clears them itself).
 */
public final class ParameterSet implements AutoCloseable {

  /** Version byte of the file format. */
  public static final int VERSION = 1;

  private static final byte[] MAGIC = "TOPOSNN".getBytes(StandardCharsets.US_ASCII);

  private final NDManager manager;
  private final long seed;
  private final Map<String, NDArray> parameters = new LinkedHashMap<>();
  private final Map<String, Stored> stored;

  private record Stored(long[] shape, float[] values) {}

  private ParameterSet(NDManager manager, long seed, Map<String, Stored> stored) {
    this.manager = manager;
    this.seed = seed;
    this.stored = stored;
  }

  /** An empty set whose parameters are drawn from {@code seed}; its manager is a child of {@code parent}. */
  public static ParameterSet fresh(NDManager parent, long seed) {
    return new ParameterSet(parent.newSubManager(), seed, null);
  }

  /** A set that hands out the parameters stored in {@code in} (see the class javadoc for the format). */
  public static ParameterSet read(NDManager parent, InputStream in) throws IOException {
    DataInputStream data = new DataInputStream(in);
    byte[] magic = new byte[MAGIC.length];
    data.readFully(magic);
    if (!java.util.Arrays.equals(magic, MAGIC)) {
      throw new IOException("not a topos parameter file (bad magic)");
    }
    int version = data.readUnsignedByte();
    if (version != VERSION) {
      throw new IOException("parameter file version " + version + " is not supported (expected " + VERSION + ")");
    }
    int count = data.readInt();
    Map<String, Stored> stored = new LinkedHashMap<>();
    for (int p = 0; p < count; p++) {
      String name = data.readUTF();
      int rank = data.readUnsignedByte();
      long[] shape = new long[rank];
      long size = 1;
      for (int d = 0; d < rank; d++) {
        shape[d] = data.readLong();
        size *= shape[d];
      }
      if (size < 0 || size > Integer.MAX_VALUE) {
        throw new IOException("parameter " + name + " has a bad shape " + java.util.Arrays.toString(shape));
      }
      float[] values = new float[(int) size];
      for (int i = 0; i < values.length; i++) {
        values[i] = data.readFloat();
      }
      stored.put(name, new Stored(shape, values));
    }
    return new ParameterSet(parent.newSubManager(), 0, stored);
  }

  /**
   * Declares a parameter and returns it: drawn from {@code init} in a fresh set, the stored values
   * in a loaded one.
   *
   * @throws IllegalArgumentException if the name is taken, or the stored shape differs
   */
  public NDArray add(String name, Shape shape, Init init) {
    if (parameters.containsKey(name)) {
      throw new IllegalArgumentException("parameter " + name + " is declared twice");
    }
    float[] values;
    if (stored == null) {
      values = new float[Math.toIntExact(shape.size())];
      init.fill(values, new SplittableRandom(seed * 0x9E3779B97F4A7C15L + name.hashCode()));
    } else {
      Stored s = stored.get(name);
      if (s == null) {
        throw new IllegalArgumentException("parameter " + name + " is missing from the file");
      }
      if (!new Shape(s.shape()).equals(shape)) {
        throw new IllegalArgumentException("parameter " + name + " has shape " + new Shape(s.shape()) + " in the file, the model needs " + shape);
      }
      values = s.values();
    }
    NDArray array = manager.create(values, shape);
    array.setName(name);
    array.setRequiresGradient(true);
    parameters.put(name, array);
    return array;
  }

  /** For a loaded set: throws if the file holds parameters that the model never declared. */
  public void checkAllClaimed() {
    if (stored != null && !parameters.keySet().containsAll(stored.keySet())) {
      java.util.Set<String> extra = new java.util.TreeSet<>(stored.keySet());
      extra.removeAll(parameters.keySet());
      throw new IllegalArgumentException("the file has parameters the model does not use: " + extra);
    }
  }

  public NDArray get(String name) {
    NDArray array = parameters.get(name);
    if (array == null) {
      throw new IllegalArgumentException("no parameter " + name);
    }
    return array;
  }

  /** Parameters by name in declaration order (unmodifiable view). */
  public Map<String, NDArray> asMap() {
    return Collections.unmodifiableMap(parameters);
  }

  /** The manager that owns the parameters; models keep their constants (graphs, templates) in it too. */
  public NDManager manager() {
    return manager;
  }

  /** Total number of scalar parameters. */
  public long count() {
    return parameters.values().stream().mapToLong(a -> a.getShape().size()).sum();
  }

  /**
   * One optimizer step on every parameter with its accumulated gradient, then zeroes the gradients.
   * Parameters are updated in place; the optimizer keys its state by parameter name.
   */
  public void update(Optimizer optimizer) {
    for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
      try (NDArray grad = e.getValue().getGradient()) {
        optimizer.update(e.getKey(), e.getValue(), grad);
        grad.subi(grad);
      }
    }
  }

  /** The global L2 norm of all accumulated gradients (for clipping and logging). */
  public double gradientNorm() {
    double sum = 0;
    for (NDArray p : parameters.values()) {
      // every intermediate closed: results of ops on a gradient live in the model's manager
      try (NDArray grad = p.getGradient(); NDArray sq = grad.square(); NDArray total = sq.sum()) {
        sum += total.getFloat();
      }
    }
    return Math.sqrt(sum);
  }

  /** Multiplies every accumulated gradient by {@code factor} in place (clip by global norm: {@code min(1, max / norm)}). */
  public void scaleGradients(double factor) {
    for (NDArray p : parameters.values()) {
      try (NDArray grad = p.getGradient()) {
        grad.muli((float) factor);
      }
    }
  }

  /**
   * Sets every gradient to zero (without an update); overwrites, so NaN or infinite gradients are
   * cleared too ({@code x - x} would keep NaN).
   *
   * <p>The zeros are copied into the gradient's own storage (an indexed put). {@code grad.set(float[])}
   * must not be used here: DJL's PyTorch engine makes the tensor's storage point at a Java direct
   * buffer that only the (short-lived) gradient wrapper keeps alive, so after the next garbage
   * collection autograd accumulates into freed memory; that corrupted the native heap and killed a
   * training run ("corrupted double-linked list") a few hundred steps after a skipped step.
   */
  public void zeroGradients() {
    try (NDManager scratch = manager.newSubManager()) {
      NDArray zero = scratch.create(0f); // [] broadcast by the put
      for (NDArray p : parameters.values()) {
        try (NDArray grad = p.getGradient()) {
          grad.set(new NDIndex("..."), zero);
        }
      }
    }
  }

  /** A parameter's values in row-major order. */
  public float[] values(String name) {
    return get(name).toFloatArray();
  }

  /** Writes every parameter (see the class javadoc for the format). */
  public void write(OutputStream out) throws IOException {
    DataOutputStream data = new DataOutputStream(out);
    data.write(MAGIC);
    data.writeByte(VERSION);
    data.writeInt(parameters.size());
    for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
      NDArray a = e.getValue();
      if (a.getDataType() != DataType.FLOAT32) {
        throw new IllegalStateException("parameter " + e.getKey() + " is " + a.getDataType());
      }
      data.writeUTF(e.getKey());
      long[] shape = a.getShape().getShape();
      data.writeByte(shape.length);
      for (long d : shape) {
        data.writeLong(d);
      }
      for (float v : a.toFloatArray()) {
        data.writeFloat(v);
      }
    }
    data.flush();
  }

  @Override
  public void close() {
    manager.close();
  }
}
