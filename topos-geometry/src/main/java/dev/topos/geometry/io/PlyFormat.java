package dev.topos.geometry.io;

import java.nio.ByteOrder;

/** The data encoding of a PLY file, as named on its {@code format} header line. */
public enum PlyFormat {
  ASCII("ascii", null),
  BINARY_LITTLE_ENDIAN("binary_little_endian", ByteOrder.LITTLE_ENDIAN),
  BINARY_BIG_ENDIAN("binary_big_endian", ByteOrder.BIG_ENDIAN);

  private final String headerName;
  private final ByteOrder order;

  PlyFormat(String headerName, ByteOrder order) {
    this.headerName = headerName;
    this.order = order;
  }

  /** The name used on the header's {@code format} line. */
  public String headerName() {
    return headerName;
  }

  /** The byte order of binary data; null for ASCII. */
  public ByteOrder byteOrder() {
    return order;
  }

  /** The format with this header name, or null. */
  static PlyFormat byHeaderName(String name) {
    for (PlyFormat f : values()) {
      if (f.headerName.equals(name)) {
        return f;
      }
    }
    return null;
  }
}
