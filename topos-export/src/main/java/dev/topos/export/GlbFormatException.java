package dev.topos.export;

import java.io.IOException;

/**
 * A file that is not a readable binary glTF 2.0: not a GLB at all, truncated, corrupt JSON or
 * binary data, or geometry in a form {@link GlbReader} does not support (e.g. an unsupported
 * accessor component type). The message names the file and the one reason.
 */
public class GlbFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  public GlbFormatException(String message) {
    super(message);
  }

  public GlbFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
