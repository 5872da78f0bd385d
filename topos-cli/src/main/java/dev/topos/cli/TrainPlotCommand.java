package dev.topos.cli;

import dev.topos.render.LineChart;
import dev.topos.render.Png;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code topos train plot RUN -o curves.png}: loss and validation curves of a run folder. */
@Command(name = "plot", mixinStandardHelpOptions = true,
    description = "Draw a run's training losses (log.csv) and validation error (val.csv) as PNG.")
final class TrainPlotCommand implements Callable<Integer> {
  @Parameters(paramLabel = "RUN", description = "Run folder of `topos train`.")
  Path run;

  @Option(names = {"-o", "--output"}, required = true, description = "Output PNG (losses above, validation below).")
  Path output;

  @Override
  public Integer call() throws IOException {
    Path log = run.resolve("log.csv");
    if (!Files.isRegularFile(log)) {
      throw new NoSuchFileException(log.toString(), null, "not a run folder (no log.csv)");
    }
    List<LineChart.Series> losses = read(log, List.of("total", "position_l1", "normal_l1", "face_normal", "angle", "dihedral"));
    var top = LineChart.draw("training losses", "step", "loss", losses, true, 900, 380);
    Path val = run.resolve("val.csv");
    var bottom = Files.isRegularFile(val)
        ? LineChart.draw("validation", "step", "mean per-vertex error (mm)", read(val, List.of("val_vertex_mm")), false, 900, 300)
        : null;
    var img = new java.awt.image.BufferedImage(900, 380 + (bottom == null ? 0 : 300), java.awt.image.BufferedImage.TYPE_INT_RGB);
    var g = img.createGraphics();
    g.drawImage(top, 0, 0, null);
    if (bottom != null) {
      g.drawImage(bottom, 0, 380, null);
    }
    g.dispose();
    Png.write(img, output);
    return 0;
  }

  private static List<LineChart.Series> read(Path csv, List<String> columns) throws IOException {
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    String[] header = lines.get(0).split(",");
    List<LineChart.Series> out = new ArrayList<>();
    for (String c : columns) {
      int col = java.util.Arrays.asList(header).indexOf(c);
      if (col < 0) {
        continue;
      }
      double[] x = new double[lines.size() - 1];
      double[] y = new double[lines.size() - 1];
      for (int i = 1; i < lines.size(); i++) {
        String[] f = lines.get(i).split(",");
        x[i - 1] = Double.parseDouble(f[0]);
        y[i - 1] = col < f.length ? Double.parseDouble(f[col]) : Double.NaN;
      }
      out.add(new LineChart.Series(c, x, y));
    }
    return out;
  }
}
