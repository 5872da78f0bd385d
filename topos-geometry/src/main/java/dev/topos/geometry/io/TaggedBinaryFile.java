package dev.topos.geometry.io;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.function.IntPredicate;

/**
 * topos's own binary files (error modes, shape modes, calibrations): a 4-byte magic, a version,
 * then a body in {@link DataOutputStream}'s big-endian encoding, written atomically. Reading checks
 * the magic and the version and turns a short file into one clear message; each format checks its
 * own end with {@link #requireEnd}.
 */
public final class TaggedBinaryFile {
  private TaggedBinaryFile() {}

  /** Writes a format's body after its magic and version. */
  @FunctionalInterface
  public interface Body {
    void writeTo(DataOutputStream out) throws IOException;
  }

  /** Reads a format's body, given the file's version. */
  @FunctionalInterface
  public interface BodyReader<T> {
    T read(DataInputStream in, int version) throws IOException;
  }

  /** Writes {@code file} atomically ({@link MeshFiles#writeAtomically}): magic, version, body. */
  public static void write(Path file, int magic, int version, Body body) throws IOException {
    MeshFiles.writeAtomically(file, stream -> {
      DataOutputStream out = new DataOutputStream(stream);
      out.writeInt(magic);
      out.writeInt(version);
      body.writeTo(out);
      out.flush();
    });
  }

  /**
   * Reads what {@link #write} wrote. Failures are {@link IOException}s that say what is wrong:
   * "not a TOPOS KIND file", "unsupported KIND version N", "truncated KIND file".
   *
   * @param kind the format's name in messages ("error-modes")
   * @param versions the versions this reader understands
   */
  public static <T> T read(InputStream stream, String kind, int magic, IntPredicate versions, BodyReader<T> body) throws IOException {
    DataInputStream in = new DataInputStream(new BufferedInputStream(stream, 1 << 16));
    try {
      if (in.readInt() != magic) {
        throw new IOException("not a TOPOS " + kind + " file");
      }
      int version = in.readInt();
      if (!versions.test(version)) {
        throw new IOException("unsupported " + kind + " version " + version);
      }
      return body.read(in, version);
    } catch (EOFException e) {
      throw new IOException("truncated " + kind + " file");
    }
  }

  /** {@link #read(InputStream, String, int, IntPredicate, BodyReader)} of a file, whose name starts any failure's message. */
  public static <T> T read(Path file, String kind, int magic, IntPredicate versions, BodyReader<T> body) throws IOException {
    return MeshFiles.readNamed(file, stream -> read(stream, kind, magic, versions, body));
  }

  /** Fails with "corrupt KIND file: bytes after the LAST" unless the stream has ended. */
  public static void requireEnd(DataInputStream in, String kind, String last) throws IOException {
    if (in.read() != -1) {
      throw new IOException("corrupt " + kind + " file: bytes after the " + last);
    }
  }
}
