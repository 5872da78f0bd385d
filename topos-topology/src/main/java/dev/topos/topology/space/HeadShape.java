package dev.topos.topology.space;

import dev.topos.geometry.Mesh;
import dev.topos.topology.Joint;
import dev.topos.topology.Part;
import dev.topos.topology.ReferenceTopology;
import java.util.Arrays;

/**
 * One head in the reference topology: positions of the full vertex array (head, parts, joint
 * cubes) in metres in the canonical head frame, with the parameters that made it.
 *
 * @param topology the reference topology (shared, read-only)
 * @param params the parameters of this head
 * @param fullPositions [N*3] metres, canonical head frame
 */
public record HeadShape(ReferenceTopology topology, HeadParams params, float[] fullPositions) {

  /** Head-surface vertex positions [V*3] (a copy). */
  public float[] headPositions() {
    return Arrays.copyOf(fullPositions, 3 * topology.vertexCount());
  }

  /** The head surface as a mesh with the reference faces, quads and UVs. */
  public Mesh headMesh() {
    return topology.head().withPositions(headPositions());
  }

  /** A part (eye.L, eye.R, teeth.upper, teeth.lower, tongue) at this head's shape. */
  public Mesh partMesh(String name) {
    Part part = topology.part(name).orElseThrow(() -> new IllegalArgumentException("unknown part '" + name + "'"));
    float[] p = Arrays.copyOfRange(fullPositions, 3 * part.firstVertex(), 3 * (part.firstVertex() + part.vertexCount()));
    return part.mesh().withPositions(p);
  }

  /** Position [3] of a joint (neck, head, jaw, eye.L, eye.R), metres. */
  public float[] joint(String name) {
    Joint joint = topology.joint(name).orElseThrow(() -> new IllegalArgumentException("unknown joint '" + name + "'"));
    return joint.position(fullPositions);
  }
}
