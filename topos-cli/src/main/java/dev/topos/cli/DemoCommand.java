package dev.topos.cli;

import dev.topos.topology.ReferenceTopology;
import dev.topos.topology.space.HeadModel;
import dev.topos.topology.space.HeadShape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code topos demo}: the main job on the shipped defaults. For this milestone it exports the
 * reference head and a sampled head (OBJ and GLB, with parts) and a contact sheet of 12 heads.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Export the reference head, a sampled head and a contact sheet into a folder.")
final class DemoCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = {"-o", "--out"}, defaultValue = "out", description = "Output folder (default ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the sampled head (default ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() throws Exception {
    Files.createDirectories(out);
    HeadModel model = HeadModel.loadBundled();
    ReferenceTopology t = model.topology();
    HeadShape head = model.sample(seed);
    for (String ext : new String[] {"obj", "glb"}) {
      HeadWriter.write(t, t.neutralFullPositions(), out.resolve("reference-head." + ext), null, true);
      HeadWriter.write(t, head.fullPositions(), out.resolve("head-seed" + seed + "." + ext), null, true);
    }
    HeadSheetCommand.write(model, 12, seed, 6, 256, 25, false, out.resolve("heads.png"));
    spec.commandLine().getOut().println("wrote " + out.resolve("reference-head.obj") + ", reference-head.glb, head-seed"
        + seed + ".obj, head-seed" + seed + ".glb and heads.png into " + out);
    return 0;
  }
}
