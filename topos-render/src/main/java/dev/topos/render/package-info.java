/**
 * CPU software rasterizer for topos: cameras, a deterministic tiled z-buffer rasterizer with
 * supersampling, simple physically-flavoured shading (Lambert + normalised Blinn-Phong, spherical
 * harmonics and directional lights), textures, and preview/contact-sheet helpers.
 *
 * <p>Conventions used throughout the package:
 *
 * <ul>
 *   <li>World: metres, right-handed, +Y up, the head looks along +Z.
 *   <li>Camera space: OpenCV style, see {@link dev.topos.render.Camera}.
 *   <li>Images: row-major, row 0 at the top; pixel (i, j) covers [i, i+1) x [j, j+1) in continuous
 *       pixel coordinates, so its centre is (i + 0.5, j + 0.5). Flat buffers index pixels as
 *       {@code j * width + i}, with {@code c} interleaved channels at {@code c * (j * width + i)}.
 *   <li>Colours: linear RGB floats unless a method says sRGB.
 *   <li>Front faces: counter-clockwise seen from the side the normal {@code (b-a) x (c-a)} points to.
 * </ul>
 */
package dev.topos.render;
