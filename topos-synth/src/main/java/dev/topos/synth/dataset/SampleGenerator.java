package dev.topos.synth.dataset;

/** Makes the sample of a given index and seed; must be a pure function of (index, seed) and thread-safe. */
@FunctionalInterface
public interface SampleGenerator {
  Sample generate(long index, long seed);
}
