package dev.topos.nn.train;

/**
 * The optimisation schedule of a training run (one record for every model trained by
 * {@link TrainLoop}).
 *
 * @param steps total optimiser steps
 * @param batchSize samples per step
 * @param learningRate peak learning rate (paper: 1e-3)
 * @param minLearningRate final learning rate of the polynomial decay (paper: 1e-4)
 * @param warmupSteps linear warm-up from 0 to the peak
 * @param weightDecay AdamW decoupled weight decay (paper: 0.01)
 * @param gradientClip clip the global gradient norm to this (0 = off)
 * @param logEvery steps between log lines
 * @param validateEvery steps between validations
 * @param checkpointEvery steps between checkpoints (always also at the end)
 * @param seed seed of every random choice (batches, noise); batch s depends only on (seed, s)
 */
public record TrainConfig(int steps, int batchSize, double learningRate, double minLearningRate, int warmupSteps,
    double weightDecay, double gradientClip, int logEvery, int validateEvery, int checkpointEvery, long seed) {

  public TrainConfig {
    if (steps < 1 || batchSize < 1 || logEvery < 1 || validateEvery < 1 || checkpointEvery < 1) {
      throw new IllegalArgumentException("steps, batch size and intervals must be positive");
    }
    if (!(learningRate > 0) || !(minLearningRate >= 0) || warmupSteps < 0) {
      throw new IllegalArgumentException("learning rates must be positive and warm-up non-negative");
    }
  }

  /** Learning rate at a step: linear warm-up, then polynomial (power 2) decay to the minimum. */
  public double learningRateAt(long step) {
    if (step < warmupSteps) {
      return learningRate * (step + 1) / warmupSteps;
    }
    double t = Math.min(1, (double) (step - warmupSteps) / Math.max(1, steps - warmupSteps));
    return minLearningRate + (learningRate - minLearningRate) * (1 - t) * (1 - t);
  }

  public TrainConfig withSteps(int n) {
    return new TrainConfig(n, batchSize, learningRate, minLearningRate, warmupSteps, weightDecay, gradientClip, logEvery,
        validateEvery, checkpointEvery, seed);
  }
}
