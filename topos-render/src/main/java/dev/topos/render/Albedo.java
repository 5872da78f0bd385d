package dev.topos.render;

/** Where a {@link Material}'s diffuse colour (linear RGB reflectance in [0, 1]) comes from. */
public sealed interface Albedo permits Albedo.Constant, Albedo.VertexColors, Albedo.Textured {

  /** One colour everywhere. */
  record Constant(float r, float g, float b) implements Albedo {}

  /** The mesh's interpolated {@link RenderMesh#colors()} (white when the mesh has none). */
  record VertexColors() implements Albedo {}

  /** A colour texture sampled at the mesh's {@link RenderMesh#uvs()} (white when the mesh has none). */
  record Textured(Texture texture) implements Albedo {}

  static Albedo constant(float r, float g, float b) {
    return new Constant(r, g, b);
  }

  static Albedo grey(float v) {
    return new Constant(v, v, v);
  }
}
