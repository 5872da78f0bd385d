package dev.topos.cli;

import picocli.CommandLine.Option;

/** Shared {@code --parts} flag: also export eyeballs, teeth and tongue. */
final class PartsOption {
  @Option(names = "--parts", description = "Also write the eyeballs, teeth and tongue (GLB: separate nodes; OBJ: groups).")
  boolean withParts;
}
