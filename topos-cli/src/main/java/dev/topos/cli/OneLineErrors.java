package dev.topos.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns any failure into one clear line on stderr and a non-zero exit code, never a stack trace
 * (set {@code TOPOS_DEBUG=1} to see one).
 */
final class OneLineErrors implements IExecutionExceptionHandler {

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
      return msg.replace('\n', ' ');
    }
    return e.getClass().getSimpleName() + ": " + msg.replace('\n', ' ');
  }
}
