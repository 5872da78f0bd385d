package dev.topos.nn.train;

import ai.djl.ndarray.NDArray;
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
    for (Map.Entry<String, NDArray> e : parameters.asMap().entrySet()) {
      NDArray p = e.getValue();
      float[] w = p.toFloatArray();
      float[] g;
      try (NDArray grad = p.getGradient()) {
        g = grad.toFloatArray();
        grad.subi(grad);
      }
      float[] mm = m.computeIfAbsent(e.getKey(), k -> new float[w.length]);
      float[] vv = v.computeIfAbsent(e.getKey(), k -> new float[w.length]);
      for (int i = 0; i < w.length; i++) {
        double gi = g[i] * gradScale;
        mm[i] = (float) (beta1 * mm[i] + (1 - beta1) * gi);
        vv[i] = (float) (beta2 * vv[i] + (1 - beta2) * gi * gi);
        double update = (mm[i] / c1) / (Math.sqrt(vv[i] / c2) + epsilon) + weightDecay * w[i];
        w[i] = (float) (w[i] - lr * update);
      }
      // set(float[]) points the tensor at a direct buffer that the wrapper p keeps alive; p is the
      // parameter's own, long-lived wrapper (never a transient one: see ParameterSet.zeroGradients)
      p.set(w);
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
