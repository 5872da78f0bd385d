package dev.topos.cli;

import com.google.gson.GsonBuilder;
import dev.topos.geometry.io.MeshFiles;
import dev.topos.topology.space.HeadModel;
import dev.topos.topology.space.HeadParams;
import dev.topos.topology.space.HeadShape;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code topos head sample}: heads from the parametric head space. */
@Command(name = "head", description = "Heads from the parametric head space.", mixinStandardHelpOptions = true,
    subcommands = {HeadCommand.Sample.class, HeadSheetCommand.class})
final class HeadCommand {

  @Command(name = "sample", mixinStandardHelpOptions = true,
      description = "Write a head drawn from the prior (the same seed gives the same bytes).")
  static final class Sample implements Callable<Integer> {
    @Option(names = "--seed", required = true, description = "Random seed.")
    long seed;

    @Option(names = "--expression", paramLabel = "NAME=W",
        description = "Expression unit and weight in [0, 1], repeatable (e.g. mouth-open=0.6). Replaces any random expression.")
    Map<String, Double> expressions = new LinkedHashMap<>();

    @Option(names = "--random-expression", description = "Draw a random expression from the prior.")
    boolean randomExpression;

    @Option(names = {"-o", "--output"}, required = true, description = "Output file (.obj or .glb).")
    Path output;

    @Option(names = "--format", description = "obj or glb (default: from the file extension).")
    String format;

    @Option(names = "--params", description = "Also write the sampled parameters as JSON to this file.")
    Path paramsFile;

    @Mixin
    PartsOption parts;

    @Override
    public Integer call() throws Exception {
      HeadModel model = HeadModel.loadBundled();
      HeadShape head = model.sample(seed, randomExpression); // a plausible head, as `head sheet` and `demo` draw it
      HeadParams params = head.params();
      if (!expressions.isEmpty()) {
        params = params.withExpressions(expressions);
        head = model.shape(params);
      }
      HeadWriter.write(model.topology(), head.fullPositions(), output, format, parts.withParts);
      if (paramsFile != null) {
        String json = new GsonBuilder().setPrettyPrinting().create().toJson(params);
        MeshFiles.writeAtomically(paramsFile, out -> out.write(json.getBytes(StandardCharsets.UTF_8)));
      }
      return 0;
    }
  }
}
