package dev.topos.geometry.io;

import java.io.IOException;

/**
 * A mesh or point-cloud file is malformed: bad number, index out of range, face with fewer than
 * three corners, non-finite coordinate, truncated data, missing vertices, unsupported format.
 *
 * <p>The message is one line that names the source (usually the file path) and, where known, the
 * line (text formats) or byte offset (binary formats) of the problem, e.g.
 * {@code "head.obj, line 12: vertex index 40 is out of range 1..38"}.
 */
public class MeshFormatException extends IOException {

  public MeshFormatException(String message) {
    super(message);
  }

  public MeshFormatException(String message, Throwable cause) {
    super(message, cause);
  }

  /** A problem at a line of a text source: {@code "<source>, line <line>: <problem>"}. */
  public static MeshFormatException atLine(String source, long line, String problem) {
    return new MeshFormatException(source + ", line " + line + ": " + problem);
  }

  /** A problem at a byte offset of a binary source: {@code "<source>, byte <offset>: <problem>"}. */
  public static MeshFormatException atByte(String source, long offset, String problem) {
    return new MeshFormatException(source + ", byte " + offset + ": " + problem);
  }
}
