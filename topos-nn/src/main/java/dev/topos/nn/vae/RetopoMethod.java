package dev.topos.nn.vae;

/**
 * A way to turn a prepared scan into reference-topology vertex positions (the model, or a
 * baseline), for evaluation side by side.
 */
public interface RetopoMethod {
  /** Short name for tables ("vae", "vae+refine", "linear-space", "mean-head"). */
  String name();

  /**
   * @param scan the prepared scan (unit frame; {@code scan.frame()} maps back to metres)
   * @param scanMetres the conditioned scan points in metres, [P*3]
   * @param scanNormalsMetres their normals, [P*3]
   * @param seed sampling seed
   * @return head vertex positions [V*3] in metres (the scan's frame)
   */
  float[] retopologize(VaeExample scan, float[] scanMetres, float[] scanNormalsMetres, long seed);

  /** The retopology of a method without its name (the signature of {@link #retopologize}). */
  @FunctionalInterface
  interface Fit {
    float[] retopologize(VaeExample scan, float[] scanMetres, float[] scanNormalsMetres, long seed);
  }

  /** A named method from a fit. */
  static RetopoMethod of(String name, Fit fit) {
    return new RetopoMethod() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public float[] retopologize(VaeExample scan, float[] scanMetres, float[] scanNormalsMetres, long seed) {
        return fit.retopologize(scan, scanMetres, scanNormalsMetres, seed);
      }
    };
  }
}
