package dev.topos.export;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes whole files so that readers see either the old file or the complete new one, never a
 * partial file: the bytes go to a hidden temporary file in the target's directory
 * ({@code .NAME.RANDOM.tmp}), which is flushed to disk and then renamed over the target
 * ({@link StandardCopyOption#ATOMIC_MOVE}, falling back to {@link StandardCopyOption#REPLACE_EXISTING}
 * where the file system cannot move atomically). On any failure the temporary file is deleted and
 * the target is left as it was.
 *
 * <p>The temporary file is created with the default permissions (the umask applies), unlike
 * {@link Files#createTempFile}, whose owner-only permissions would carry over to the target.
 */
final class AtomicFiles {
  private static final int MAX_NAME_ATTEMPTS = 100;

  private AtomicFiles() {}

  /** Replaces {@code target} with {@code bytes}, creating missing parent directories. */
  static void write(Path target, byte[] bytes) throws IOException {
    Path absolute = target.toAbsolutePath();
    Path directory = absolute.getParent();
    Files.createDirectories(directory);
    Path temp = null;
    try {
      FileChannel channel = null;
      for (int attempt = 0; channel == null; attempt++) {
        Path candidate = directory.resolve("." + absolute.getFileName() + "."
            + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
        try {
          channel = FileChannel.open(candidate, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
          temp = candidate;
        } catch (FileAlreadyExistsException e) {
          if (attempt >= MAX_NAME_ATTEMPTS) {
            throw e;
          }
        }
      }
      try (FileChannel out = channel) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          out.write(buffer);
        }
        out.force(true);
      }
      try {
        Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
        Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException | RuntimeException | Error e) {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException cleanup) {
          e.addSuppressed(cleanup);
        }
      }
      throw e;
    }
  }
}
