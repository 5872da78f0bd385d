package dev.topos.cli;

import java.util.Set;

/**
 * PyTorch's intra-op thread count for a command line. The commands that run the trained model on
 * one scan at a time (retopo, demo, eval, bench) get one thread unless the user set
 * {@value #PROPERTY}: with one thread (and MKL's strict reproducibility mode, which {@code bin/topos}
 * sets) refinement gives the same bytes run to run, which on two threads it does not, and its small
 * tensors run faster (docs/VAE.md, "Reproducibility and threads"). Training keeps the engine's
 * default.
 */
final class EngineThreads {
  /** DJL's PyTorch engine reads it once, when the engine starts. */
  static final String PROPERTY = "ai.djl.pytorch.num_threads";

  private static final Set<String> ONE_THREAD_COMMANDS = Set.of("retopo", "demo", "eval", "bench");

  private EngineThreads() {}

  /**
   * The value to give {@value #PROPERTY} for these arguments, or null to leave it as it is.
   *
   * @param args the command line
   * @param userSetting the property's value now (null if unset)
   */
  static String settingFor(String[] args, String userSetting) {
    if (userSetting != null || args.length == 0) {
      return null;
    }
    return ONE_THREAD_COMMANDS.contains(args[0]) ? "1" : null;
  }
}
