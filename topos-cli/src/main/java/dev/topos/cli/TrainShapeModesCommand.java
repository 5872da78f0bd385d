package dev.topos.cli;

import dev.topos.geometry.io.MeshFiles;
import dev.topos.synth.dataset.DatasetReader;
import dev.topos.synth.dataset.ProgressBar;
import dev.topos.topology.ReferenceTopology;
import dev.topos.topology.fit.ShapeModes;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code topos train shape-modes}: the Gaussian over training heads that {@code retopo --correct} fits last. */
@Command(name = "shape-modes", mixinStandardHelpOptions = true,
    description = "Fit the shape modes (mean and principal directions of training heads) that `retopo --correct` fits to a scan last.")
final class TrainShapeModesCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--data", required = true, description = "Training dataset (`topos synth --split train`).")
  Path data;

  @Option(names = "--heads", defaultValue = "2000", description = "Training heads used, the first ones (default ${DEFAULT-VALUE}).")
  int heads;

  @Option(names = "--modes", defaultValue = "500", description = "Principal directions kept (default ${DEFAULT-VALUE}).")
  int modes;

  @Option(names = {"-o", "--output"}, required = true, description = "Output file (shape-modes.bin).")
  Path output;

  @Override
  public Integer call() throws Exception {
    if (modes < 1 || heads <= modes) {
      throw new IllegalArgumentException("need 1 <= --modes < --heads, got " + modes + " and " + heads);
    }
    MeshFiles.requireOutputFolder(output);
    DatasetReader reader = DatasetReader.open(data);
    if (heads > reader.size()) {
      throw new IllegalArgumentException("the dataset has " + reader.size() + " samples, fewer than --heads " + heads);
    }
    int values = 3 * ReferenceTopology.loadBundled().vertexCount(); // the head's vertices come first in a sample
    ProgressBar bar = new ProgressBar(System.err, "shape-modes", heads, 0);
    float[][] shapes = new float[heads][];
    for (int i = 0; i < heads; i++) {
      shapes[i] = Arrays.copyOf(reader.get(i).vertices(), values);
      bar.advance(1);
    }
    bar.finish();
    ShapeModes fitted = ShapeModes.fit(shapes, modes);
    fitted.write(output);
    spec.commandLine().getOut().printf("wrote %s: %d shape modes of %d training heads%n", output, fitted.count(), heads);
    return 0;
  }
}
