/**
 * Scan simulation: heads in the reference topology turned into scan-like meshes of other
 * topologies plus point clouds, like the real head scans {@code topos retopo} has to handle.
 *
 * <p>{@link dev.topos.synth.scan.ScanSimulator} runs the whole pipeline from a seed and
 * {@link dev.topos.synth.scan.ScanOptions}, returning a {@link dev.topos.synth.scan.Scan} of a
 * {@link dev.topos.synth.scan.ScanFamily} with every random choice recorded. Its steps are public
 * on their own, each deterministic:
 *
 * <ul>
 *   <li>topology changes: {@link dev.topos.synth.scan.RandomRetriangulation},
 *       {@link dev.topos.synth.scan.Subdivision} (midpoint, Loop),
 *       {@link dev.topos.synth.scan.IsotropicRemesher} (Botsch-Kobbelt),
 *       {@link dev.topos.synth.scan.QuadricDecimator} (Garland-Heckbert),
 *       {@link dev.topos.synth.scan.MarchingCubes} (ray-parity voxelisation of the capped head);</li>
 *   <li>modifiers: {@link dev.topos.synth.scan.MouthCavity}, {@link dev.topos.synth.scan.HairCap},
 *       {@link dev.topos.synth.scan.Shoulders}, {@link dev.topos.synth.scan.NeckCut},
 *       {@link dev.topos.synth.scan.GeodesicHoles}, {@link dev.topos.synth.scan.PartialCoverage},
 *       {@link dev.topos.synth.scan.NormalNoise}.</li>
 * </ul>
 *
 * <p>All lengths are metres in the canonical head frame (docs/FRAME.md); recorded parameters
 * whose names end in "Mm" are millimetres. Meshes are flat arrays throughout (a corner table for
 * the edits, CSR adjacency, primitive heaps), so a scan with its point cloud takes a few tens of
 * milliseconds on one core.
 */
package dev.topos.synth.scan;
