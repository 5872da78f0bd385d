package dev.topos.nn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.topos.nn.Init;
import dev.topos.nn.ParameterSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainLoopTest {

  /** Fits w to 1 by (w - 1)^2; one chosen step produces a NaN loss. */
  static final class Quadratic implements TrainTask {
    final NDManager root = NDManager.newBaseManager();
    final ParameterSet params = ParameterSet.fresh(root, 1);
    final NDArray w = params.add("w", new Shape(3), Init.zeros());
    final long nanStep;

    Quadratic(long nanStep) {
      this.nanStep = nanStep;
    }

    @Override
    public ParameterSet parameters() {
      return params;
    }

    @Override
    public Map<String, NDArray> losses(NDManager scope, long seed, long step) {
      NDArray loss = w.sub(1f).square().sum(); // []
      if (step == nanStep) {
        loss = loss.mul(Float.NaN);
      }
      loss.attach(scope);
      Map<String, NDArray> m = new LinkedHashMap<>();
      m.put("total", loss);
      return m;
    }

    @Override
    public Map<String, Double> validate() {
      return Map.of("error", (double) Math.abs(w.toFloatArray()[0] - 1));
    }

    @Override
    public void save(Path dir) throws IOException {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("w.txt"), java.util.Arrays.toString(w.toFloatArray()));
    }
  }

  private static TrainConfig config(int steps) {
    return new TrainConfig(steps, 1, 0.1, 0.01, 0, 0.0, 0, 1, 5, 5, 7);
  }

  @Test
  void aNonFiniteStepIsSkippedAndTrainingGoesOn(@TempDir Path run) throws IOException {
    Quadratic task = new Quadratic(3);
    TrainLoop.run(task, config(30), run, null);
    List<String> skipped = Files.readAllLines(run.resolve("skipped.csv"), StandardCharsets.UTF_8);
    assertEquals(List.of("step", "4"), skipped);
    float w = task.w.toFloatArray()[0];
    assertTrue(Float.isFinite(w) && Math.abs(w - 1) < 0.2, "w = " + w);
    assertTrue(Files.isRegularFile(run.resolve("checkpoint/model/w.txt")));
    assertTrue(Files.isRegularFile(run.resolve("best/w.txt")));
  }

  @Test
  void aResumedRunStartsAtItsCheckpointAndKeepsTheLogConsistent(@TempDir Path run) throws IOException {
    TrainLoop.run(new Quadratic(-1), config(10), run, null);
    // Pretend the run was killed at step 10 while appending: a torn last log line.
    Files.writeString(run.resolve("log.csv"), "1", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
    Quadratic resumed = new Quadratic(-1);
    TrainLoop.run(resumed, config(20), run, null);
    List<String> log = Files.readAllLines(run.resolve("log.csv"), StandardCharsets.UTF_8);
    assertEquals(21, log.size(), "header + one line per step, no torn line: " + log);
    assertTrue(log.get(20).startsWith("20,"));
  }
}
