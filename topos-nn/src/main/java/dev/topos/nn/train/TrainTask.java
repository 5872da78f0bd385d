package dev.topos.nn.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.topos.nn.ParameterSet;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * What {@link TrainLoop} needs from a model: its parameters, the losses of the batch of a step, a
 * validation, and saving the weights. Batches must depend only on (seed, step) so runs resume
 * exactly.
 */
public interface TrainTask {
  ParameterSet parameters();

  /** Losses of the batch for this step (all in scope); must contain "total". */
  Map<String, NDArray> losses(NDManager scope, long seed, long step);

  /** Validation metrics (lower is better for the first one), computed without gradients. */
  Map<String, Double> validate();

  /** Writes the model's release weights (parameters and config) into dir. */
  void save(Path dir) throws IOException;
}
