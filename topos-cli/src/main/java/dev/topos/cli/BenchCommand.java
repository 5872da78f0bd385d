package dev.topos.cli;

import picocli.CommandLine.Command;

/** {@code topos bench ...}: benchmarks (speed goals live here, never in unit tests). */
@Command(name = "bench", description = "Benchmarks: medians of repeats, with a baseline measured in the same run.",
    mixinStandardHelpOptions = true, subcommands = {SynthBenchCommand.class, RetopoBenchCommand.class})
final class BenchCommand {}
