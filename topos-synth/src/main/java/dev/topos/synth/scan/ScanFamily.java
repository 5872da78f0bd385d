package dev.topos.synth.scan;

import java.util.Locale;

/**
 * The kind of scan a simulated scan imitates; evaluation breaks results down by it. Every family
 * has a topology different from the reference head's.
 */
public enum ScanFamily {
  /** Isotropic remeshing to a random target edge length (like a cleaned-up scanner mesh). */
  REMESHED,
  /** Quadric edge-collapse decimation to a random fraction of the faces (like a lightened scan). */
  DECIMATED,
  /** Voxelisation and marching cubes at a random voxel size (like depth-fusion scanners). */
  MARCHING_CUBES,
  /** One of the three above, seen only from the front: the back of the head and large patches missing. */
  PARTIAL,
  /** One of the three above with strong scanner noise along the normals. */
  NOISY;

  /** Lower-case name used in JSON and dataset files ("marching_cubes"). */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether this family is one of the three base re-meshings (not a modifier family). */
  public boolean isBase() {
    return this == REMESHED || this == DECIMATED || this == MARCHING_CUBES;
  }
}
