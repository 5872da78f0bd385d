package dev.topos.geometry.io;

import dev.topos.geometry.PointCloud;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads ASCII point clouds, one point per line ({@code .xyz}, {@code .pts}, {@code .asc},
 * {@code .csv}, {@code .txt}), as scanners, LiDAR apps and CloudCompare export them.
 *
 * <p>Values are separated by blanks, commas or semicolons. Lines starting with {@code #} or
 * {@code //} and blank lines are skipped; so is a first line holding one whole number (the point
 * count of Leica PTS files). The first three values of a line are x, y, z. Further columns are
 * read as follows:
 * <ul>
 *   <li>A header line of column names (the first data line, when it is not numeric; CloudCompare's
 *       {@code //X,Y,Z,R,G,B,Nx,Ny,Nz} header counts too) picks x, y, z and the normal by name
 *       ({@code x y z}, {@code nx ny nz} or {@code normal_x ...}, any case).
 *   <li>Without names, three consecutive columns after the third are the normal when they are a
 *       unit vector (length within 1 %) on every line; colours and intensities never are. Other
 *       columns are ignored.
 * </ul>
 * Every data line must have at least as many values as the first one. Anything malformed raises a
 * {@link MeshFormatException} naming the source and line: a bad or non-finite number, a short
 * line, a header without x, y and z, no points.
 */
public final class XyzReader {
  /** Largest departure of a normal's length from 1 for a column triple to be taken as normals. */
  static final double UNIT_TOLERANCE = 0.01;
  private static final java.util.regex.Pattern SEPARATORS = java.util.regex.Pattern.compile("[\\s,;]+");

  /** The file extensions read as ASCII point clouds, without the dot, in the order messages list them. */
  public static final List<String> EXTENSIONS = List.of("xyz", "pts", "asc", "csv", "txt");

  private XyzReader() {}

  /** Whether the file's extension (any case) is one of {@link #EXTENSIONS}. */
  public static boolean reads(Path file) {
    return EXTENSIONS.contains(MeshFiles.extension(file));
  }

  /** Reads a point cloud file (UTF-8). */
  public static PointCloud read(Path path) throws IOException {
    try (InputStream in = Files.newInputStream(path)) {
      return read(in, path.toString());
    }
  }

  /** Reads a point cloud from a stream (UTF-8); {@code source} names it in error messages. */
  public static PointCloud read(InputStream in, String source) throws IOException {
    BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    int[] named = null; // x, y, z, nx, ny, nz column indices from a header (nx -1 when none)
    int columns = -1; // values per line, from the first data line
    FloatList values = new FloatList(1 << 16); // the first `columns` values of every data line
    boolean firstContent = true;
    long lineNumber = 0;
    String line;
    while ((line = lines.readLine()) != null) {
      lineNumber++;
      String text = line.strip();
      boolean comment = text.startsWith("#") || text.startsWith("//");
      if (comment && firstContent && named == null && text.startsWith("//")) {
        named = header(split(text.substring(2)), source, lineNumber, true);
      }
      if (text.isEmpty() || comment) {
        continue;
      }
      String[] words = split(text);
      boolean first = firstContent;
      firstContent = false;
      if (first && words.length == 1 && words[0].matches("\\d+")) {
        continue; // a PTS point count
      }
      if (first && named == null && !isNumber(words[0])) {
        named = header(words, source, lineNumber, false);
        continue;
      }
      if (columns < 0) {
        columns = words.length;
        if (columns < 3) {
          throw MeshFormatException.atLine(source, lineNumber, "a point needs x, y and z, found " + columns + " value" + (columns == 1 ? "" : "s"));
        }
        if (named != null && max(named) >= columns) {
          throw MeshFormatException.atLine(source, lineNumber, "the header names " + (max(named) + 1) + " columns, the line has " + columns);
        }
      }
      if (words.length < columns) {
        throw MeshFormatException.atLine(source, lineNumber, words.length + " values, the first point has " + columns);
      }
      for (int c = 0; c < columns; c++) {
        values.add(FloatText.parseFinite(words[c], source, lineNumber));
      }
    }
    if (columns < 0) {
      throw new MeshFormatException(source + ": no points");
    }
    return toCloud(values.toArray(), columns, named);
  }

  private static PointCloud toCloud(float[] values, int columns, int[] named) {
    int n = values.length / columns;
    int[] xyz = named == null ? new int[] {0, 1, 2} : new int[] {named[0], named[1], named[2]};
    int normal = named == null ? unitColumns(values, columns) : named[3];
    float[] positions = new float[3 * n];
    float[] normals = normal < 0 ? null : new float[3 * n];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < 3; k++) {
        positions[3 * i + k] = values[i * columns + xyz[k]];
        if (normals != null) {
          normals[3 * i + k] = values[i * columns + (named == null ? normal + k : named[3 + k])];
        }
      }
    }
    return new PointCloud(positions, normals);
  }

  /** The first column c >= 3 such that columns c, c+1, c+2 are a unit vector on every line; -1 if none. */
  private static int unitColumns(float[] values, int columns) {
    int n = values.length / columns;
    for (int c = 3; c + 3 <= columns; c++) {
      boolean unit = true;
      for (int i = 0; i < n && unit; i++) {
        double x = values[i * columns + c];
        double y = values[i * columns + c + 1];
        double z = values[i * columns + c + 2];
        unit = Math.abs(Math.sqrt(x * x + y * y + z * z) - 1) <= UNIT_TOLERANCE;
      }
      if (unit) {
        return c;
      }
    }
    return -1;
  }

  /** Column indices of x, y, z, nx, ny, nz named by a header (the last three -1 when absent). */
  private static int[] header(String[] names, String source, long line, boolean optional) throws MeshFormatException {
    String[][] spellings = {
        {"x"}, {"y"}, {"z"}, {"nx", "normal_x", "normalx"}, {"ny", "normal_y", "normaly"}, {"nz", "normal_z", "normalz"}};
    int[] found = {-1, -1, -1, -1, -1, -1};
    for (int c = 0; c < names.length; c++) {
      String name = names[c].toLowerCase(Locale.ROOT).replaceAll("^[\"']|[\"']$", "");
      for (int k = 0; k < spellings.length; k++) {
        if (found[k] < 0 && List.of(spellings[k]).contains(name)) {
          found[k] = c;
        }
      }
    }
    if (found[0] < 0 || found[1] < 0 || found[2] < 0) {
      if (optional) {
        return null; // a comment that is not a header
      }
      throw MeshFormatException.atLine(source, line, "a header without columns x, y and z ('" + FloatText.shorten(String.join(" ", names)) + "')");
    }
    boolean normals = found[3] >= 0 && found[4] >= 0 && found[5] >= 0;
    return normals ? found : new int[] {found[0], found[1], found[2], -1, -1, -1};
  }

  private static int max(int[] columns) {
    int m = -1;
    for (int c : columns) {
      m = Math.max(m, c);
    }
    return m;
  }

  private static String[] split(String text) {
    List<String> words = new ArrayList<>();
    for (String w : SEPARATORS.split(text.strip())) {
      if (!w.isEmpty()) {
        words.add(w);
      }
    }
    return words.toArray(new String[0]);
  }

  private static boolean isNumber(String word) {
    try {
      Float.parseFloat(word);
      return true;
    } catch (NumberFormatException e) {
      return FloatText.isNonFiniteWord(word);
    }
  }
}
