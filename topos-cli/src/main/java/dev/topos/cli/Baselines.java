package dev.topos.cli;

import dev.topos.nn.vae.RetopoMethod;
import dev.topos.topology.ReferenceTopology;
import java.util.List;

/** The retopology baselines for `topos eval vae` (filled in when they land). */
final class Baselines {
  private Baselines() {}

  static List<RetopoMethod> methods(ReferenceTopology topology) {
    return List.of();
  }
}
