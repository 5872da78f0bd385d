package dev.topos.geometry.io;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed PLY header: format, elements with their properties, and where the data starts.
 *
 * @param format the data encoding
 * @param elements the elements in file order
 * @param dataOffset byte offset of the first data byte
 * @param dataLine 1-based line number of the first data line (for ASCII error messages)
 */
record PlyHeader(PlyFormat format, List<Element> elements, int dataOffset, int dataLine) {

  /** A scalar property ({@code countType == null}) or a list property. */
  record Property(String name, PlyType type, PlyType countType) {
    boolean isList() {
      return countType != null;
    }
  }

  /** An element (e.g. {@code vertex}, {@code face}) with its instance count. */
  record Element(String name, int count, List<Property> properties) {
    int indexOf(String propertyName) {
      for (int i = 0; i < properties.size(); i++) {
        if (properties.get(i).name().equals(propertyName)) {
          return i;
        }
      }
      return -1;
    }
  }

  /** Parses the header at the start of {@code data}. */
  static PlyHeader parse(byte[] data, String source) throws MeshFormatException {
    int pos = 0;
    int lineNo = 0;
    PlyFormat format = null;
    List<Element> elements = new ArrayList<>();
    List<Property> current = null;
    while (true) {
      if (pos >= data.length) {
        throw new MeshFormatException(source + ": PLY header has no 'end_header' line");
      }
      int end = pos;
      while (end < data.length && data[end] != '\n') {
        end++;
      }
      String line = new String(data, pos, end - pos, StandardCharsets.ISO_8859_1).strip();
      pos = Math.min(end + 1, data.length);
      lineNo++;
      if (lineNo == 1) {
        if (!line.equals("ply")) {
          throw new MeshFormatException(source + ": not a PLY file (the first line is not 'ply')");
        }
        continue;
      }
      String[] t = line.isEmpty() ? new String[0] : line.split("\\s+");
      if (t.length == 0 || t[0].equals("comment") || t[0].equals("obj_info")) {
        continue;
      }
      switch (t[0]) {
        case "format" -> {
          format = t.length >= 2 ? PlyFormat.byHeaderName(t[1]) : null;
          if (format == null) {
            throw MeshFormatException.atLine(source, lineNo, "unsupported PLY format '" + line + "'");
          }
        }
        case "element" -> {
          if (t.length != 3) {
            throw MeshFormatException.atLine(source, lineNo, "bad element line '" + line + "'");
          }
          int count;
          try {
            count = Integer.parseInt(t[2]);
          } catch (NumberFormatException e) {
            throw MeshFormatException.atLine(source, lineNo, "bad element count '" + t[2] + "'");
          }
          if (count < 0) {
            throw MeshFormatException.atLine(source, lineNo, "negative element count " + count);
          }
          current = new ArrayList<>();
          elements.add(new Element(t[1], count, current));
        }
        case "property" -> {
          if (current == null) {
            throw MeshFormatException.atLine(source, lineNo, "property before any element");
          }
          current.add(property(t, line, source, lineNo));
        }
        case "end_header" -> {
          if (format == null) {
            throw MeshFormatException.atLine(source, lineNo, "PLY header has no 'format' line");
          }
          return new PlyHeader(format, List.copyOf(elements), pos, lineNo + 1);
        }
        default -> throw MeshFormatException.atLine(source, lineNo, "unknown PLY header line '" + line + "'");
      }
    }
  }

  private static Property property(String[] t, String line, String source, int lineNo) throws MeshFormatException {
    if (t.length == 3) {
      PlyType type = PlyType.byName(t[1]);
      if (type == null) {
        throw MeshFormatException.atLine(source, lineNo, "unknown property type '" + t[1] + "'");
      }
      return new Property(t[2], type, null);
    }
    if (t.length == 5 && t[1].equals("list")) {
      PlyType countType = PlyType.byName(t[2]);
      PlyType type = PlyType.byName(t[3]);
      if (countType == null || !countType.integer || type == null) {
        throw MeshFormatException.atLine(source, lineNo, "bad list property types in '" + line + "'");
      }
      return new Property(t[4], type, countType);
    }
    throw MeshFormatException.atLine(source, lineNo, "bad property line '" + line + "'");
  }
}
