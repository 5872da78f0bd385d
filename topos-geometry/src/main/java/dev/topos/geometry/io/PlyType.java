package dev.topos.geometry.io;

import java.nio.ByteBuffer;

/** The scalar types of PLY properties, under both their classic and sized names. */
enum PlyType {
  CHAR(1, true, "char", "int8"),
  UCHAR(1, true, "uchar", "uint8"),
  SHORT(2, true, "short", "int16"),
  USHORT(2, true, "ushort", "uint16"),
  INT(4, true, "int", "int32"),
  UINT(4, true, "uint", "uint32"),
  FLOAT(4, false, "float", "float32"),
  DOUBLE(8, false, "double", "float64");

  final int size;
  final boolean integer;
  private final String name;
  private final String sizedName;

  PlyType(int size, boolean integer, String name, String sizedName) {
    this.size = size;
    this.integer = integer;
    this.name = name;
    this.sizedName = sizedName;
  }

  /** The type with this header name, or null. */
  static PlyType byName(String s) {
    for (PlyType t : values()) {
      if (t.name.equals(s) || t.sizedName.equals(s)) {
        return t;
      }
    }
    return null;
  }

  /** The header name topos writes. */
  String headerName() {
    return name;
  }

  /** Reads one binary value as a double (exact for every type, uint included). */
  double read(ByteBuffer b) {
    return switch (this) {
      case CHAR -> b.get();
      case UCHAR -> b.get() & 0xff;
      case SHORT -> b.getShort();
      case USHORT -> b.getShort() & 0xffff;
      case INT -> b.getInt();
      case UINT -> b.getInt() & 0xffffffffL;
      case FLOAT -> b.getFloat();
      case DOUBLE -> b.getDouble();
    };
  }

  /** Reads one binary integer value (the type must be an integer type). */
  long readLong(ByteBuffer b) {
    return switch (this) {
      case CHAR -> b.get();
      case UCHAR -> b.get() & 0xff;
      case SHORT -> b.getShort();
      case USHORT -> b.getShort() & 0xffff;
      case INT -> b.getInt();
      case UINT -> b.getInt() & 0xffffffffL;
      default -> throw new IllegalStateException(this + " is not an integer type");
    };
  }

  /** Parses one ASCII value; throws NumberFormatException for text that is not of this type. */
  double parse(String token) {
    return switch (this) {
      case FLOAT -> Float.parseFloat(token);
      case DOUBLE -> Double.parseDouble(token);
      default -> parseLong(token);
    };
  }

  /** Parses one ASCII integer value, checking the type's range. */
  long parseLong(String token) {
    long v = Long.parseLong(token);
    long min = switch (this) {
      case CHAR -> Byte.MIN_VALUE;
      case SHORT -> Short.MIN_VALUE;
      case INT -> Integer.MIN_VALUE;
      default -> 0;
    };
    long max = switch (this) {
      case CHAR -> Byte.MAX_VALUE;
      case UCHAR -> 0xff;
      case SHORT -> Short.MAX_VALUE;
      case USHORT -> 0xffff;
      case INT -> Integer.MAX_VALUE;
      case UINT -> 0xffffffffL;
      default -> throw new NumberFormatException(this + " is not an integer type");
    };
    if (v < min || v > max) {
      throw new NumberFormatException(token + " is out of range for " + name);
    }
    return v;
  }
}
