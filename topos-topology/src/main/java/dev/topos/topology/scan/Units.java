package dev.topos.topology.scan;

import java.util.Locale;

/**
 * Length units of input files, and their detection from a head's size: a head scan (with or without
 * shoulders) spans 0.12-1.2 m at its largest, so the four ranges 120-1200 mm, 12-120 cm, 1.2-12 dm
 * and 0.12-1.2 m do not overlap and the unit follows from the size alone. Inches ({@link #IN}, which a
 * few scanners and CAD tools write) overlap centimetres and decimetres, so they are never detected,
 * only given.
 */
public enum Units {
  MM(0.001), CM(0.01), DM(0.1), M(1.0), IN(0.0254);

  /** Smallest and largest plausible extent of a head scan, metres. */
  public static final double MIN_EXTENT_M = 0.12;
  public static final double MAX_EXTENT_M = 1.2;

  private final double metres;

  Units(double metres) {
    this.metres = metres;
  }

  /** Metres per unit. */
  public double metres() {
    return metres;
  }

  public static Units parse(String s) {
    for (Units u : values()) {
      if (u.name().equalsIgnoreCase(s.trim())) {
        return u;
      }
    }
    throw new IllegalArgumentException("unknown unit '" + s + "' (use mm, cm, dm, m or in)");
  }

  /** The metric unit in which an object of this largest extent (file units) is head-sized. */
  public static Units detect(double extent) {
    for (Units u : new Units[] {MM, CM, DM, M}) {
      double m = extent * u.metres;
      if (m >= MIN_EXTENT_M && m <= MAX_EXTENT_M) {
        return u;
      }
    }
    throw new IllegalArgumentException(String.format(Locale.ROOT,
        "input is not head-sized in any unit (largest extent %.4g file units); pass --units if it is a head", extent));
  }
}
