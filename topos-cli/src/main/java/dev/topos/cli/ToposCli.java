package dev.topos.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code topos} command line. Subcommands follow the data flow: assets (convert the raw
 * MakeHuman files), topology (the reference head), head (the parametric head space).
 *
 * <p>Exit codes: 0 success, 1 bad input or a failed run (one line on stderr), 2 bad usage.
 */
@Command(
    name = "topos",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "3D heads in a fixed studio-style topology: reference head, head space, export.",
    subcommands = {
        CommandLine.HelpCommand.class,
        AssetsCommand.class,
        TopologyCommand.class,
        HeadCommand.class,
        MeshCommand.class,
        SynthCommand.class,
        SynthSheetCommand.class,
        BenchCommand.class,
        TrainCommand.class,
        RetopoCommand.class,
        EvalCommand.class,
        DemoCommand.class})
public final class ToposCli {

  public static void main(String[] args) {
    String threads = EngineThreads.settingFor(args, System.getProperty(EngineThreads.PROPERTY));
    if (threads != null) { // before anything starts the engine
      System.setProperty(EngineThreads.PROPERTY, threads);
    }
    int code;
    try {
      code = commandLine().execute(args);
    } catch (Throwable t) { // Errors (out of memory, say) bypass picocli's handler: still one line
      System.err.println("topos: error: " + OneLineErrors.describe(t));
      code = 1;
    }
    System.exit(code);
  }

  /** The configured command line (used by main and by tests). */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new ToposCli());
    OneLineErrors errors = new OneLineErrors();
    cl.setExecutionExceptionHandler(errors);
    cl.setParameterExceptionHandler(errors);
    cl.setExitCodeExceptionMapper(OneLineErrors::exitCode);
    return cl;
  }
}
