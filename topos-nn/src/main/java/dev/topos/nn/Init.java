package dev.topos.nn;

import java.util.SplittableRandom;

/**
 * How a parameter's initial values are drawn. Values come from a {@link SplittableRandom} seeded by
 * the model seed and the parameter's name, so they do not depend on the engine, on the order
 * parameters are declared in, or on other parameters being added.
 */
@FunctionalInterface
public interface Init {

  /** Fills {@code values} (the parameter in row-major order). */
  void fill(float[] values, SplittableRandom random);

  /** All zeros (biases, the shift of a norm). */
  static Init zeros() {
    return (values, random) -> {};
  }

  /** All ones (the scale of a norm). */
  static Init ones() {
    return (values, random) -> java.util.Arrays.fill(values, 1f);
  }

  /** Normal with mean 0 and the given standard deviation. */
  static Init normal(double std) {
    return (values, random) -> {
      for (int i = 0; i < values.length; i++) {
        values[i] = (float) (random.nextGaussian() * std);
      }
    };
  }

  /** Normal with standard deviation {@code gain / sqrt(fanIn)} (LeCun; unit variance through a linear map). */
  static Init fanIn(int fanIn, double gain) {
    return normal(gain / Math.sqrt(fanIn));
  }
}
