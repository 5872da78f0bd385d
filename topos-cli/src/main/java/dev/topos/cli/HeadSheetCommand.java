package dev.topos.cli;

import dev.topos.geometry.Mesh;
import dev.topos.geometry.MeshConcat;
import dev.topos.render.ContactSheet;
import dev.topos.render.PreviewRenderer;
import dev.topos.topology.space.HeadModel;
import dev.topos.topology.space.HeadShape;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code topos head sheet}: a contact sheet of sampled heads (shaded previews), as PNG. */
@Command(name = "sheet", mixinStandardHelpOptions = true,
    description = "Render sampled heads side by side into one PNG (seeds S, S+1, ...).")
final class HeadSheetCommand implements Callable<Integer> {
  @Option(names = "--count", defaultValue = "12", description = "Number of heads (default ${DEFAULT-VALUE}).")
  int count;

  @Option(names = "--seed", defaultValue = "0", description = "First seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--columns", defaultValue = "6", description = "Heads per row (default ${DEFAULT-VALUE}).")
  int columns;

  @Option(names = "--size", defaultValue = "256", description = "Tile size in pixels (default ${DEFAULT-VALUE}).")
  int size;

  @Option(names = "--yaw", defaultValue = "25", description = "Turn of each head in degrees (default ${DEFAULT-VALUE}).")
  double yaw;

  @Option(names = "--random-expression", description = "Give each head a random expression.")
  boolean randomExpression;

  @Option(names = {"-o", "--output"}, required = true, description = "Output PNG.")
  Path output;

  @Override
  public Integer call() {
    if (count < 1 || columns < 1 || size < 16 || size > 4096) {
      throw new IllegalArgumentException("need --count >= 1, --columns >= 1 and 16 <= --size <= 4096");
    }
    write(HeadModel.loadBundled(), count, seed, columns, size, yaw, randomExpression, output);
    return 0;
  }

  /** Renders heads of seeds seed .. seed+count-1 into one PNG. */
  static void write(HeadModel model, int count, long seed, int columns, int size, double yaw, boolean randomExpression, Path output) {
    PreviewRenderer renderer = PreviewRenderer.of(size, size);
    List<BufferedImage> tiles = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      HeadShape head = model.sample(seed + i, randomExpression);
      Mesh withEyes = MeshConcat.withGroups(
          List.of(head.headMesh(), head.partMesh("eye.L"), head.partMesh("eye.R")), List.of("head", "eye.L", "eye.R"));
      tiles.add(renderer.image(withEyes, yaw));
    }
    ContactSheet.of(columns).write(tiles, output);
  }
}
