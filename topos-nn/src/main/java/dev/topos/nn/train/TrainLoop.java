package dev.topos.nn.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.topos.geometry.io.MeshFiles;
import dev.topos.synth.dataset.ProgressBar;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The one training loop: AdamW with warm-up and polynomial decay, global-norm gradient clipping,
 * periodic validation (the best weights kept in {@code best/}), CSV logs, and atomic checkpoints
 * from which a killed run resumes exactly (batches and noise depend only on (seed, step), and the
 * optimiser state is saved).
 *
 * <p>Run folder: {@code log.csv} (step, learning rate, seconds per step, gradient norm, losses),
 * {@code val.csv} (step and validation metrics), {@code checkpoint/} (model weights in
 * {@code model/}, optimiser state in {@code optimizer.bin}), {@code best/} (weights of the best
 * validation so far).
 */
public final class TrainLoop {
  static final String CHECKPOINT = "checkpoint";
  /** Non-finite gradients tolerated in a row before a run is declared diverged. */
  static final int MAX_SKIPPED_IN_A_ROW = 20;
  private static final byte[] MAGIC = "TOPOSOPT".getBytes(StandardCharsets.US_ASCII);

  private TrainLoop() {}

  /** The folder with the model weights of the latest checkpoint, if there is one. */
  public static Path checkpointModel(Path runDir) {
    Path c = runDir.resolve(CHECKPOINT);
    if (!Files.isDirectory(c) && Files.isDirectory(runDir.resolve(CHECKPOINT + ".old"))) {
      c = runDir.resolve(CHECKPOINT + ".old"); // killed between the two renames of a checkpoint
    }
    Path model = c.resolve("model");
    return Files.isDirectory(model) ? model : null;
  }

  /**
   * Trains until {@code cfg.steps()}, resuming from the run folder's checkpoint when present (the
   * task must then have been built from {@link #checkpointModel}'s weights).
   */
  public static void run(TrainTask task, TrainConfig cfg, Path runDir, PrintStream progress) throws IOException {
    Files.createDirectories(runDir);
    AdamW adam = AdamW.standard();
    long start = 0;
    Path model = checkpointModel(runDir);
    if (model != null) {
      try (DataInputStream in = new DataInputStream(new BufferedInputStream(
          Files.newInputStream(model.getParent().resolve("optimizer.bin"))))) {
        byte[] magic = new byte[MAGIC.length];
        in.readFully(magic);
        if (!java.util.Arrays.equals(magic, MAGIC)) {
          throw new IOException(model.getParent() + ": not a topos optimiser state");
        }
        long seed = in.readLong();
        if (seed != cfg.seed()) {
          throw new IllegalArgumentException("checkpoint was trained with seed " + seed + ", not " + cfg.seed());
        }
        start = in.readLong();
        adam.read(in);
      }
    }
    Path log = runDir.resolve("log.csv");
    Path val = runDir.resolve("val.csv");
    truncateAfter(log, start);
    truncateAfter(val, start);
    truncateAfter(runDir.resolve("skipped.csv"), start);
    double best = bestSoFar(val);
    ProgressBar bar = progress == null ? null : new ProgressBar(progress, "train", cfg.steps(), start);
    long t0 = System.nanoTime();
    long stepsTimed = 0;
    int skippedInARow = 0;
    try {
      for (long step = start; step < cfg.steps(); step++) {
        double lr = cfg.learningRateAt(step);
        Map<String, Double> scalars = new java.util.LinkedHashMap<>();
        try (NDManager scope = NDManager.newBaseManager(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
          Map<String, NDArray> losses = task.losses(scope, cfg.seed(), step);
          gc.backward(losses.get("total"));
          if ((step + 1) % cfg.logEvery() == 0 || step == start) {
            for (Map.Entry<String, NDArray> e : losses.entrySet()) {
              scalars.put(e.getKey(), (double) e.getValue().getFloat());
            }
          }
        }
        double norm = task.parameters().gradientNorm();
        if (!Double.isFinite(norm)) {
          // A rare non-finite gradient (a degenerate predicted triangle, say) is not applied; many
          // in a row mean the run diverged.
          task.parameters().zeroGradients();
          skippedInARow++;
          appendCsv(runDir.resolve("skipped.csv"), "step", Long.toString(step + 1));
          if (skippedInARow >= MAX_SKIPPED_IN_A_ROW) {
            throw new IllegalStateException("gradient was not finite for " + skippedInARow + " steps in a row at step "
                + step + "; lower the learning rate");
          }
        } else {
          skippedInARow = 0;
          double scale = cfg.gradientClip() > 0 && norm > cfg.gradientClip() ? cfg.gradientClip() / norm : 1;
          adam.step(task.parameters(), lr, cfg.weightDecay(), scale);
        }
        stepsTimed++;
        long done = step + 1;
        if (!scalars.isEmpty()) {
          double secs = (System.nanoTime() - t0) / 1e9 / stepsTimed;
          appendCsv(log, header("step,lr,sec_per_step,grad_norm", scalars.keySet()),
              String.format(Locale.ROOT, "%d,%.6g,%.4f,%.5g", done, lr, secs, norm) + values(scalars.values()));
        }
        if (done % cfg.validateEvery() == 0 || done == cfg.steps()) {
          Map<String, Double> metrics = task.validate();
          appendCsv(val, header("step", metrics.keySet()), done + values(metrics.values()));
          double first = metrics.values().iterator().next();
          if (first < best) {
            best = first;
            saveAtomically(runDir.resolve("best"), task::save);
          }
        }
        if (done % cfg.checkpointEvery() == 0 || done == cfg.steps()) {
          checkpoint(task, adam, cfg.seed(), done, runDir);
        }
        if (bar != null) {
          bar.advance(1);
        }
      }
    } finally {
      if (bar != null) {
        bar.finish(); // also on failure, so an error message starts on its own line
      }
    }
  }

  private interface DirWriter {
    void write(Path dir) throws IOException;
  }

  private static void checkpoint(TrainTask task, AdamW adam, long seed, long step, Path runDir) throws IOException {
    saveAtomically(runDir.resolve(CHECKPOINT), dir -> {
      task.save(dir.resolve("model"));
      MeshFiles.writeAtomically(dir.resolve("optimizer.bin"), raw -> {
        DataOutputStream out = new DataOutputStream(raw);
        out.write(MAGIC);
        out.writeLong(seed);
        out.writeLong(step);
        adam.write(out);
        out.flush();
      });
    });
  }

  /** Writes a folder as dir.tmp, then swaps it in: dir -> dir.old, dir.tmp -> dir, delete dir.old. */
  static void saveAtomically(Path dir, DirWriter writer) throws IOException {
    Path tmp = dir.resolveSibling(dir.getFileName() + ".tmp");
    Path old = dir.resolveSibling(dir.getFileName() + ".old");
    deleteTree(tmp);
    Files.createDirectories(tmp);
    writer.write(tmp);
    deleteTree(old);
    if (Files.exists(dir)) {
      Files.move(dir, old, StandardCopyOption.ATOMIC_MOVE);
    }
    Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
    deleteTree(old);
  }

  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(q);
      }
    }
  }

  private static String header(String first, Iterable<String> names) {
    return first + "," + String.join(",", names);
  }

  private static String values(Iterable<Double> values) {
    StringBuilder sb = new StringBuilder();
    for (double v : values) {
      sb.append(',').append(String.format(Locale.ROOT, "%.6g", v));
    }
    return sb.toString();
  }

  private static void appendCsv(Path file, String header, String line) throws IOException {
    if (!Files.exists(file)) {
      Files.writeString(file, header + "\n", StandardCharsets.UTF_8);
    }
    Files.writeString(file, line + "\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
  }

  /** Drops log lines of steps after the checkpoint we resume from (they will be redone). */
  private static void truncateAfter(Path csv, long step) throws IOException {
    if (!Files.exists(csv)) {
      return;
    }
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    List<String> kept = new ArrayList<>();
    long fields = lines.isEmpty() ? 0 : lines.get(0).chars().filter(c -> c == ',').count();
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      // A line with fewer fields than the header was torn by a kill during its append.
      boolean whole = l.chars().filter(c -> c == ',').count() == fields;
      if (i == 0 || (whole && stepOf(l) <= step)) {
        kept.add(l);
      }
    }
    MeshFiles.writeAtomically(csv, out -> out.write((String.join("\n", kept) + "\n").getBytes(StandardCharsets.UTF_8)));
  }

  /** The step at the start of a CSV line; a torn line (a kill during an append) counts as after every step. */
  private static long stepOf(String line) {
    int comma = line.indexOf(',');
    try {
      return Long.parseLong(comma < 0 ? line.trim() : line.substring(0, comma));
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }

  private static double bestSoFar(Path val) throws IOException {
    double best = Double.POSITIVE_INFINITY;
    if (Files.exists(val)) {
      List<String> lines = Files.readAllLines(val, StandardCharsets.UTF_8);
      for (int i = 1; i < lines.size(); i++) {
        String[] f = lines.get(i).split(",");
        if (f.length > 1) {
          best = Math.min(best, Double.parseDouble(f[1]));
        }
      }
    }
    return best;
  }

}
