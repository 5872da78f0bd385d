package dev.topos.topology.scan;

import java.util.Locale;

/** A signed coordinate axis of an input file: +x, -x, +y, -y, +z, -z. */
public enum Axis {
  PX(0, 1), NX(0, -1), PY(1, 1), NY(1, -1), PZ(2, 1), NZ(2, -1);

  final int index;
  final int sign;

  Axis(int index, int sign) {
    this.index = index;
    this.sign = sign;
  }

  /** Whether the two lie along the same coordinate line (+y and -y do), so cannot make a frame. */
  public boolean sameLine(Axis other) {
    return index == other.index;
  }

  /** The axis signed, as a person reads it: "+x", "-y". */
  public String signed() {
    return (sign > 0 ? "+" : "-") + "xyz".charAt(index);
  }

  /** The axis as {@link #parse} takes it and as {@code --up} and {@code --forward} are given: "x", "-y". */
  public String flag() {
    return sign > 0 ? String.valueOf("xyz".charAt(index)) : signed();
  }

  /** Parses "x", "+x", "-y", "Z" and the like. */
  public static Axis parse(String s) {
    String t = s.trim().toLowerCase(Locale.ROOT);
    boolean negative = t.startsWith("-");
    if (t.startsWith("+") || t.startsWith("-")) {
      t = t.substring(1);
    }
    return switch (t) {
      case "x" -> negative ? NX : PX;
      case "y" -> negative ? NY : PY;
      case "z" -> negative ? NZ : PZ;
      default -> throw new IllegalArgumentException("unknown axis '" + s + "' (use x, y, z with an optional sign)");
    };
  }
}
