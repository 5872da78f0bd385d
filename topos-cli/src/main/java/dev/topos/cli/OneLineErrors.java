package dev.topos.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns any failure into one clear line on stderr and a non-zero exit code, never a stack trace
 * (set {@code TOPOS_DEBUG=1} to see one). Bad usage (an unknown option, a value of the wrong type,
 * a missing required option) is one line too, pointing at the command's help, instead of picocli's
 * default of the message followed by the whole usage text; exit code 2.
 */
final class OneLineErrors implements IExecutionExceptionHandler, IParameterExceptionHandler {

  @Override
  public int handleParseException(CommandLine.ParameterException ex, String[] args) {
    CommandLine cl = ex.getCommandLine();
    StringBuilder line = new StringBuilder("topos: error: ").append(oneLine(String.valueOf(ex.getMessage())));
    if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
      line.append(" (did you mean ").append(String.join(" or ", u.getSuggestions().subList(0, Math.min(3, u.getSuggestions().size()))))
          .append("?)");
    }
    line.append("; see '").append(cl.getCommandSpec().qualifiedName()).append(" --help'");
    cl.getErr().println(line);
    cl.getErr().flush();
    return exitCode(ex);
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parse) {
    cl.getErr().println("topos: error: " + describe(ex));
    if (System.getenv("TOPOS_DEBUG") != null) {
      ex.printStackTrace(cl.getErr());
    }
    cl.getErr().flush();
    return exitCode(ex);
  }

  static int exitCode(Throwable ex) {
    return ex instanceof CommandLine.ParameterException ? 2 : 1;
  }

  static String describe(Throwable ex) {
    Throwable e = ex instanceof UncheckedIOException && ex.getCause() != null ? ex.getCause() : ex;
    if (e instanceof NoSuchFileException n) {
      return "no such file: " + n.getFile() + (n.getReason() == null ? "" : " (" + n.getReason() + ")");
    }
    if (e instanceof AccessDeniedException a) {
      return "permission denied: " + a.getFile();
    }
    String msg = e.getMessage();
    if (msg == null || msg.isBlank()) {
      msg = e.getClass().getSimpleName();
    }
    if (e instanceof IOException || e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
      return oneLine(msg);
    }
    return e.getClass().getSimpleName() + ": " + oneLine(msg);
  }

  /**
   * The message on one line, printable: line breaks become spaces and other control characters (a
   * binary file's bytes quoted in a parse error) are shown as {@code \\uXXXX}, so that nothing
   * reaches the terminal as an escape sequence.
   */
  static String oneLine(String msg) {
    StringBuilder b = new StringBuilder(msg.length());
    for (int i = 0; i < msg.length(); i++) {
      char c = msg.charAt(i);
      if (c == '\n' || c == '\r' || c == '\t') {
        b.append(' ');
      } else if (Character.isISOControl(c) || c == '\uFFFD') {
        b.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString().strip();
  }
}
