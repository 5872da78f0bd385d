package dev.topos.geometry.io;

import dev.topos.geometry.Mesh;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Wavefront OBJ polygon meshes into a {@link Mesh}, keeping polygons as they are (quads stay
 * quads), texture coordinates with their per-corner indices (so UV seams survive), normals and
 * groups. Coordinates are taken as they are in the file (topos writes metres).
 *
 * <p>Supported statements: {@code v x y z [w|r g b]} (extra numbers ignored), {@code vt u [v [w]]}
 * ({@code v} defaults to 0), {@code vn x y z}, {@code f} with corners {@code v}, {@code v/vt},
 * {@code v//vn} or {@code v/vt/vn} (1-based; negative indices count back from the latest
 * element, {@code -1} being the last one read), and {@code g name}. Comments ({@code #} to the end
 * of the line), blank lines and every other statement ({@code o}, {@code s}, {@code usemtl},
 * {@code mtllib}, {@code l}, ...) are ignored.
 *
 * <p>Groups: faces take the name of the latest {@code g} line (the whole rest of the line,
 * trimmed); faces before any {@code g} are in group {@value #DEFAULT_GROUP}. Group indices follow
 * the order in which groups first receive a face. A file with no {@code g} before any face gives
 * {@code faceGroups == null}.
 *
 * <p>A {@link Mesh} has texture coordinates (or normals) for all corners or none, so they are kept
 * only when every face has them: files that join objects exported with different corner forms
 * ({@code f 1 2 3} in one, {@code f 4//1 5//1 6//1} in the next) are read, without the attribute
 * some faces lack. Within one face the corners must agree. Anything malformed raises a
 * {@link MeshFormatException} naming the source and line: bad numbers, index 0 or out of range,
 * faces with fewer than 3 corners, NaN or infinite values, mixed corner formats within a face, no
 * vertices at all.
 *
 * <p>de.javagl:obj was not used: it reports no line numbers, accepts faces of fewer than three
 * corners and non-finite values, and allows faces to belong to several groups at once.
 */
public final class ObjReader {

  /** Group name of faces that precede the first {@code g} statement of a grouped file. */
  public static final String DEFAULT_GROUP = "default";

  private ObjReader() {}

  /** Reads an OBJ file (UTF-8; undecodable bytes are replaced). */
  public static Mesh read(Path path) throws IOException {
    try (InputStream in = Files.newInputStream(path)) {
      return read(in, path.toString());
    }
  }

  /** Reads OBJ text from a stream (UTF-8); {@code source} names it in error messages. */
  public static Mesh read(InputStream in, String source) throws IOException {
    return read(new InputStreamReader(in, StandardCharsets.UTF_8), source);
  }

  /** Reads OBJ text; {@code source} names it in error messages. Does not close the reader. */
  public static Mesh read(Reader reader, String source) throws IOException {
    BufferedReader buffered = reader instanceof BufferedReader b ? b : new BufferedReader(reader, 1 << 16);
    return new Parser(source).parse(buffered);
  }

  /** The state of one read; not shared. */
  private static final class Parser {
    private final String source;
    private final FloatList positions = new FloatList(1 << 12);
    private final FloatList uvs = new FloatList(1 << 12);
    private final FloatList normals = new FloatList(1 << 12);
    private final IntList faceStarts = new IntList(1 << 12);
    private final IntList faceVertices = new IntList(1 << 14);
    private final IntList faceUvs = new IntList(1 << 14);
    private final IntList faceNormals = new IntList(1 << 14);
    private final IntList faceLines = new IntList(1 << 12);
    private final IntList faceGroups = new IntList(1 << 12);
    private final Map<String, Integer> groupIndex = new HashMap<>();
    private final List<String> groupNames = new ArrayList<>();
    private final String[] tokens = new String[4];
    private String currentGroup = DEFAULT_GROUP;
    private boolean explicitGroupUsed;
    private boolean currentGroupExplicit;
    private int facesWithUvs;
    private int facesWithNormals;
    private int lineNo;
    private String line;

    Parser(String source) {
      this.source = source;
      faceStarts.add(0);
    }

    Mesh parse(BufferedReader reader) throws IOException {
      while ((line = reader.readLine()) != null) {
        lineNo++;
        if (lineNo == 1 && line.startsWith("\uFEFF")) {
          line = line.substring(1); // UTF-8 byte order mark
        }
        int end = line.indexOf('#');
        String content = end < 0 ? line : line.substring(0, end);
        int start = skipSpace(content, 0);
        if (start == content.length()) {
          continue;
        }
        int keyEnd = skipToken(content, start);
        String key = content.substring(start, keyEnd);
        switch (key) {
          case "v" -> readVector(content, keyEnd, 3, 3, positions, "vertex");
          case "vt" -> readVector(content, keyEnd, 1, 2, uvs, "texture coordinate");
          case "vn" -> readVector(content, keyEnd, 3, 3, normals, "normal");
          case "f" -> readFace(content, keyEnd);
          case "g" -> {
            String name = content.substring(keyEnd).trim();
            currentGroup = name.isEmpty() ? DEFAULT_GROUP : name;
            currentGroupExplicit = true;
          }
          default -> { } // o, s, usemtl, mtllib, l, ... carry nothing a Mesh keeps
        }
      }
      return build();
    }

    private MeshFormatException error(String problem) {
      String text = line.strip();
      if (text.length() > 80) {
        text = text.substring(0, 77) + "...";
      }
      return MeshFormatException.atLine(source, lineNo, problem + ": '" + text + "'");
    }

    /** Reads at least {@code min} numbers, keeps the first {@code keep} (missing ones are 0). */
    private void readVector(String s, int pos, int min, int keep, FloatList out, String what)
        throws MeshFormatException {
      for (int k = 0; k < keep; k++) {
        pos = skipSpace(s, pos);
        if (pos == s.length()) {
          if (k < min) {
            throw error(what + " needs " + (min == 1 ? "1 number" : min + " numbers") + ", found " + k);
          }
          out.add(0f);
          continue;
        }
        int end = skipToken(s, pos);
        String token = s.substring(pos, end);
        try {
          out.add(FloatText.parseFinite(token));
        } catch (NumberFormatException e) {
          throw error(e.getMessage() + " in " + what);
        }
        pos = end;
      }
    }

    private void readFace(String s, int pos) throws MeshFormatException {
      int corners = 0;
      int format = -1;
      for (pos = skipSpace(s, pos); pos < s.length(); pos = skipSpace(s, pos)) {
        int end = skipToken(s, pos);
        String token = s.substring(pos, end);
        pos = end;
        int parts = splitCorner(token);
        int cornerFormat = (parts >= 2 && !tokens[1].isEmpty() ? 1 : 0) | (parts == 3 ? 2 : 0);
        if (format < 0) {
          format = cornerFormat;
        } else if (format != cornerFormat) {
          throw error("face mixes corner formats ('" + token + "')");
        }
        faceVertices.add(resolve(tokens[0], positions.size() / 3, "vertex"));
        // -1 where a face has none: the attribute is dropped in build() unless every face has it
        faceUvs.add((cornerFormat & 1) != 0 ? resolve(tokens[1], uvs.size() / 2, "texture coordinate") : -1);
        faceNormals.add((cornerFormat & 2) != 0 ? resolve(tokens[2], normals.size() / 3, "normal") : -1);
        corners++;
      }
      if (corners < 3) {
        throw error("face has " + corners + " corner" + (corners == 1 ? "" : "s") + ", needs at least 3");
      }
      facesWithUvs += (format & 1) != 0 ? 1 : 0;
      facesWithNormals += (format & 2) != 0 ? 1 : 0;
      faceStarts.add(faceVertices.size());
      faceLines.add(lineNo);
      Integer group = groupIndex.get(currentGroup);
      if (group == null) {
        group = groupNames.size();
        groupIndex.put(currentGroup, group);
        groupNames.add(currentGroup);
      }
      faceGroups.add(group);
      explicitGroupUsed |= currentGroupExplicit;
    }

    /** Splits {@code v/vt/vn} into {@link #tokens}; returns the number of parts (1..3). */
    private int splitCorner(String token) throws MeshFormatException {
      int parts = 0;
      int start = 0;
      while (true) {
        int slash = token.indexOf('/', start);
        if (parts == 3) {
          throw error("bad face corner '" + token + "'");
        }
        tokens[parts++] = slash < 0 ? token.substring(start) : token.substring(start, slash);
        if (slash < 0) {
          break;
        }
        start = slash + 1;
      }
      if (tokens[0].isEmpty() || (parts == 3 && tokens[2].isEmpty()) || (parts == 2 && tokens[1].isEmpty())) {
        throw error("bad face corner '" + token + "'");
      }
      return parts;
    }

    /**
     * A 0-based index from a 1-based or negative OBJ index. Positive indices are range-checked
     * at the end (a file may refer forward); negative ones now, against the elements read so far.
     */
    private int resolve(String token, int countSoFar, String what) throws MeshFormatException {
      int index;
      try {
        index = Integer.parseInt(token);
      } catch (NumberFormatException e) {
        throw error("bad " + what + " index '" + token + "'");
      }
      if (index == 0) {
        throw error(what + " index 0 is invalid (OBJ indices start at 1)");
      }
      if (index > 0) {
        return index - 1;
      }
      if (countSoFar + index < 0) {
        throw error(what + " index " + index + (countSoFar == 0 ? " refers back but no " + what + " precedes it"
            : " is out of range -" + countSoFar + "..-1 at this point"));
      }
      return countSoFar + index;
    }

    private Mesh build() throws MeshFormatException {
      int vertexCount = positions.size() / 3;
      if (vertexCount == 0) {
        throw new MeshFormatException(source + ": no vertices ('v' lines) found");
      }
      int[] fv = faceVertices.toArray();
      int faceCount = faceLines.size();
      boolean hasUvs = faceCount > 0 && facesWithUvs == faceCount;
      boolean hasNormals = faceCount > 0 && facesWithNormals == faceCount;
      int[] fuv = hasUvs ? faceUvs.toArray() : null;
      int[] fn = hasNormals ? faceNormals.toArray() : null;
      int[] starts = faceStarts.toArray();
      checkRange(fv, starts, vertexCount, "vertex");
      if (fuv != null) {
        checkRange(fuv, starts, uvs.size() / 2, "texture coordinate");
      }
      if (fn != null) {
        checkRange(fn, starts, normals.size() / 3, "normal");
      }
      boolean grouped = explicitGroupUsed;
      try {
        return new Mesh(positions.toArray(), starts, fv,
            fuv == null ? null : uvs.toArray(), fuv,
            fn == null ? null : normals.toArray(), fn,
            grouped ? faceGroups.toArray() : null, grouped ? groupNames : List.of());
      } catch (IllegalArgumentException e) {
        throw new MeshFormatException(source + ": " + e.getMessage(), e);
      }
    }

    private void checkRange(int[] indices, int[] starts, int count, String what) throws MeshFormatException {
      for (int f = 0; f + 1 < starts.length; f++) {
        for (int c = starts[f]; c < starts[f + 1]; c++) {
          if (indices[c] >= count) {
            throw MeshFormatException.atLine(source, faceLines.get(f), what + " index " + (indices[c] + 1)
                + " is out of range 1.." + count + " (the file has " + count + " " + plural(what) + ")");
          }
        }
      }
    }
  }

  private static String plural(String what) {
    return what.equals("vertex") ? "vertices" : what + "s";
  }

  private static int skipSpace(String s, int i) {
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static int skipToken(String s, int i) {
    while (i < s.length() && !Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }
}
