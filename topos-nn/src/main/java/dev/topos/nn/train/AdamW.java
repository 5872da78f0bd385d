package dev.topos.nn.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import dev.topos.nn.ParameterSet;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * AdamW (decoupled weight decay) whose moments live in Java arrays, so that a checkpoint holds the
 * full optimiser state and a resumed run continues exactly. Parameter count is small here (about a
 * million), so moving values and gradients to Java each step costs little next to the step itself.
 */
public final class AdamW {
  private final double beta1;
  private final double beta2;
  private final double epsilon;
  private final Map<String, float[]> m = new LinkedHashMap<>();
  private final Map<String, float[]> v = new LinkedHashMap<>();
  private long t;

  public AdamW(double beta1, double beta2, double epsilon) {
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
  }

  /** The usual defaults (0.9, 0.999, 1e-8). */
  public static AdamW standard() {
    return new AdamW(0.9, 0.999, 1e-8);
  }

  public long stepCount() {
    return t;
  }

  /**
   * One update of every parameter with its accumulated gradient (scaled by gradScale, e.g. for
   * clipping), then zeroes the gradients.
   */
  public void step(ParameterSet parameters, double lr, double weightDecay, double gradScale) {
    t++;
    double c1 = 1 - Math.pow(beta1, t);
    double c2 = 1 - Math.pow(beta2, t);
    try (NDManager scratch = parameters.manager().newSubManager()) {
      for (Map.Entry<String, NDArray> e : parameters.asMap().entrySet()) {
        update(e.getKey(), e.getValue(), scratch, lr, weightDecay, gradScale, c1, c2);
      }
    }
  }

  private void update(String name, NDArray p, NDManager scratch, double lr, double weightDecay, double gradScale,
      double c1, double c2) {
    float[] w = p.toFloatArray();
    float[] g;
    try (NDArray grad = p.getGradient()) {
      g = grad.toFloatArray();
      grad.subi(grad);
    }
    float[] mm = m.computeIfAbsent(name, k -> new float[w.length]);
    float[] vv = v.computeIfAbsent(name, k -> new float[w.length]);
    for (int i = 0; i < w.length; i++) {
      double gi = g[i] * gradScale;
      mm[i] = (float) (beta1 * mm[i] + (1 - beta1) * gi);
      vv[i] = (float) (beta2 * vv[i] + (1 - beta2) * gi * gi);
      double update = (mm[i] / c1) / (Math.sqrt(vv[i] / c2) + epsilon) + weightDecay * w[i];
      w[i] = (float) (w[i] - lr * update);
    }
    // An indexed put copies into the parameter's own storage. set(float[]) would instead point the
    // tensor at a Java direct buffer that only this wrapper keeps alive (see ParameterSet.zeroGradients).
    try (NDArray values = scratch.create(w, p.getShape())) { // same shape as p
      p.set(new NDIndex("..."), values);
    }
  }

  public void write(DataOutputStream out) throws IOException {
    out.writeLong(t);
    out.writeInt(m.size());
    for (String k : m.keySet()) {
      out.writeUTF(k);
      float[] a = m.get(k);
      float[] b = v.get(k);
      out.writeInt(a.length);
      for (int i = 0; i < a.length; i++) {
        out.writeFloat(a[i]);
        out.writeFloat(b[i]);
      }
    }
  }

  public void read(DataInputStream in) throws IOException {
    t = in.readLong();
    int n = in.readInt();
    m.clear();
    v.clear();
    for (int j = 0; j < n; j++) {
      String k = in.readUTF();
      int len = in.readInt();
      float[] a = new float[len];
      float[] b = new float[len];
      for (int i = 0; i < len; i++) {
        a[i] = in.readFloat();
        b[i] = in.readFloat();
      }
      m.put(k, a);
      v.put(k, b);
    }
  }
}
