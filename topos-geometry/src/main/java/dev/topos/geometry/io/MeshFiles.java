package dev.topos.geometry.io;

import dev.topos.geometry.Mesh;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Reads meshes by file extension ({@code .obj}, {@code .ply}, {@code .stl}, case-insensitive), writes
 * them ({@code .obj}, {@code .ply}), and writes any file atomically.
 */
public final class MeshFiles {
  private MeshFiles() {}

  /** Writes the body of a file to a stream. */
  @FunctionalInterface
  public interface StreamBody {
    void writeTo(OutputStream out) throws IOException;
  }

  /** Reads one value from a stream (a file format's reader). */
  @FunctionalInterface
  public interface StreamReader<T> {
    T read(InputStream in) throws IOException;
  }

  /**
   * Reads {@code file} with {@code reader}; a missing file is reported as such, any other failure
   * with the file's name before the reader's message.
   */
  public static <T> T readNamed(Path file, StreamReader<T> reader) throws IOException {
    try (InputStream in = java.nio.file.Files.newInputStream(file)) {
      return reader.read(in);
    } catch (java.nio.file.NoSuchFileException e) {
      throw e;
    } catch (IOException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads a mesh: {@code .obj} with {@link ObjReader}, {@code .ply} with {@link PlyReader},
   * {@code .stl} with {@link StlReader}.
   */
  public static Mesh read(Path path) throws IOException {
    return switch (extension(path)) {
      case "obj" -> ObjReader.read(path);
      case "ply" -> PlyReader.read(path);
      case "stl" -> StlReader.read(path);
      default -> throw new MeshFormatException(path + ": unsupported mesh file type (expected .obj, .ply or .stl)");
    };
  }

  /**
   * Writes a mesh atomically: {@code .obj} with {@link ObjWriter}, {@code .ply} with
   * {@link PlyWriter} as binary little-endian.
   */
  public static void write(Path path, Mesh mesh) throws IOException {
    switch (extension(path)) {
      case "obj" -> writeAtomically(path, out -> ObjWriter.write(mesh, out));
      case "ply" -> writeAtomically(path, out -> PlyWriter.write(mesh, out, PlyFormat.BINARY_LITTLE_ENDIAN));
      default -> throw new MeshFormatException(path + ": unsupported mesh file type (expected .obj or .ply)");
    }
  }

  /**
   * The folder {@code target} will be written into; commands whose work takes long call this first,
   * so that a mistyped path fails at once and not after the work.
   *
   * @throws java.nio.file.NoSuchFileException if that folder does not exist
   */
  public static Path requireOutputFolder(Path target) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw new java.nio.file.NoSuchFileException(String.valueOf(dir), null, "output folder does not exist");
    }
    if (!Files.isWritable(dir)) {
      throw new java.nio.file.AccessDeniedException(String.valueOf(dir), null, "output folder is not writable");
    }
    if (Files.isDirectory(target)) {
      throw new java.nio.file.FileAlreadyExistsException(String.valueOf(target), null, "a folder is in the way of the output file");
    }
    return dir;
  }

  /** Age after which a temp file of {@link #writeAtomically} is taken for a killed run's. */
  public static final int STALE_TEMP_SECONDS = 10;

  /**
   * Deletes the temp files that {@link #writeAtomically} left for {@code target} when its process
   * was killed mid-write (a signal skips the clean-up): {@code .<name>.<hex>.tmp} beside it, last
   * written more than {@value #STALE_TEMP_SECONDS} s ago (a write takes well under that, so another
   * process writing the same target at this moment keeps its temp file).
   *
   * @return how many were deleted
   */
  public static int deleteStaleTemps(Path target) throws IOException {
    Path absolute = target.toAbsolutePath();
    Path dir = absolute.getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      return 0;
    }
    String prefix = "." + absolute.getFileName() + ".";
    int deleted = 0;
    try (java.util.stream.Stream<Path> files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        String n = f.getFileName().toString();
        if (n.startsWith(prefix) && n.endsWith(".tmp") && n.substring(prefix.length(), n.length() - 4).matches("-?[0-9a-f]+")
            && Files.getLastModifiedTime(f).toMillis() < System.currentTimeMillis() - 1000L * STALE_TEMP_SECONDS) {
          deleted += Files.deleteIfExists(f) ? 1 : 0;
        }
      }
    }
    return deleted;
  }

  /**
   * Writes {@code target} so that it is never seen half-written: the body goes to a new hidden
   * temp file in the same directory, which is synced to disk and then renamed over the target
   * ({@code ATOMIC_MOVE}, falling back to {@code REPLACE_EXISTING} where the file system cannot
   * move atomically). If the body throws, the temp file is deleted and the target is untouched.
   * The directory must exist.
   */
  public static void writeAtomically(Path target, StreamBody body) throws IOException {
    Path absolute = target.toAbsolutePath();
    Path dir = requireOutputFolder(target);
    Path temp = createTemp(dir, absolute.getFileName().toString());
    boolean done = false;
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
        body.writeTo(out);
        out.flush();
        channel.force(true);
      }
      try {
        Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
      }
      done = true;
    } finally {
      if (!done) {
        Files.deleteIfExists(temp);
      }
    }
  }

  /** A new empty file {@code .<name>.<random>.tmp} with default permissions (unlike createTempFile's 0600). */
  private static Path createTemp(Path dir, String name) throws IOException {
    for (int attempt = 0; ; attempt++) {
      String suffix = Long.toHexString(ThreadLocalRandom.current().nextLong());
      try {
        return Files.createFile(dir.resolve("." + name + "." + suffix + ".tmp"));
      } catch (FileAlreadyExistsException e) {
        if (attempt >= 10) {
          throw e;
        }
      }
    }
  }

  /** The lower-case extension of a file name, without the dot ("" if none). */
  public static String extension(Path path) {
    Path fileName = path.getFileName();
    String name = fileName == null ? "" : fileName.toString();
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }
}
