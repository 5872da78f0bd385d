package dev.topos.cli;

import dev.topos.render.ContactSheet;
import dev.topos.render.PreviewRenderer;
import dev.topos.synth.SynthConfig;
import dev.topos.synth.SyntheticHeadGenerator;
import dev.topos.synth.dataset.Split;
import dev.topos.topology.space.HeadModel;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code topos synth-sheet}: contact sheets of synthetic portraits and of simulated scans. */
@Command(name = "synth-sheet", mixinStandardHelpOptions = true,
    description = "Write contact sheets of N synthetic portraits and of their simulated scans.")
final class SynthSheetCommand implements Callable<Integer> {
  @Option(names = "--count", defaultValue = "16", description = "Samples (default ${DEFAULT-VALUE}).")
  int count;

  @Option(names = "--seed", defaultValue = "0", description = "First training seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--portraits-png", required = true, description = "Output PNG of the portraits.")
  Path portraitsPng;

  @Option(names = "--scans-png", required = true, description = "Output PNG of the scans.")
  Path scansPng;

  @Override
  public Integer call() {
    SyntheticHeadGenerator gen = new SyntheticHeadGenerator(HeadModel.loadBundled(), SynthConfig.defaults().withPortraits(true, 256));
    PreviewRenderer preview = PreviewRenderer.of(256, 256);
    List<BufferedImage> portraits = new ArrayList<>();
    List<BufferedImage> scans = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      SyntheticHeadGenerator.Generated g = gen.generateFull(i, Split.TRAIN.sampleSeed(seed, i));
      portraits.add(g.portrait());
      scans.add(preview.image(g.scanMesh(), 25));
    }
    ContactSheet.of(8).write(portraits, portraitsPng);
    ContactSheet.of(8).write(scans, scansPng);
    return 0;
  }
}
