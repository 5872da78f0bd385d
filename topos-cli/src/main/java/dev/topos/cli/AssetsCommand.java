package dev.topos.cli;

import dev.topos.topology.makehuman.MakeHumanConverter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code topos assets convert}: raw MakeHuman + MediaPipe files to topos's bundled resources. */
@Command(name = "assets", description = "Convert raw third-party assets into topos resources.", mixinStandardHelpOptions = true,
    subcommands = {AssetsCommand.Convert.class})
final class AssetsCommand {

  @Command(name = "convert", mixinStandardHelpOptions = true,
      description = "Read the CC0 MakeHuman assets and MediaPipe's canonical face model; write "
          + "reference-head.v1.bin.gz and head-space.v1.bin.gz.")
  static final class Convert implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--makehuman", required = true, description = "MakeHuman asset folder (3dobjs/, targets/, ...).")
    Path makehuman;

    @Option(names = "--mediapipe", required = true, description = "MediaPipe asset folder (canonical_face_model.obj).")
    Path mediapipe;

    @Option(names = {"-o", "--out"}, required = true, description = "Output folder for the two resources.")
    Path out;

    @Override
    public Integer call() throws Exception {
      MakeHumanConverter.Result r = MakeHumanConverter.convert(makehuman, mediapipe);
      MakeHumanConverter.writeResources(r, out);
      spec.commandLine().getOut().printf(java.util.Locale.ROOT,
          "wrote %s: %d head vertices, %d faces (%d quads), %d targets, %d sliders; landmark fit RMS %.2f mm%n",
          out, r.topology().vertexCount(), r.topology().head().faceCount(), r.topology().head().quadCount(),
          r.space().targets().size(), r.space().sliders().size(), r.landmarkFitRmsMm());
      return 0;
    }
  }
}
