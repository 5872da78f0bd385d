package dev.topos.render;

/**
 * Computes the colour of one visible sample. Called concurrently from several threads with
 * distinct {@link Fragment}s, so implementations must be free of shared mutable state; for
 * bit-identical output across thread counts they must also be deterministic functions of the
 * fragment.
 */
@FunctionalInterface
public interface FragmentShader {

  /** Writes the linear RGB radiance of the fragment into out[0..2]. */
  void shade(Fragment fragment, float[] out);
}
