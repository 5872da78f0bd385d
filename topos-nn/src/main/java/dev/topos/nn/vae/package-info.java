/**
 * TOPOS-VAE: a Perceiver encoder from a point cloud to one latent token per coarse node of the
 * template graph pyramid, and a hierarchical graph decoder from those tokens to every vertex of the
 * reference head (position and normal), both in the unit-ball {@link dev.topos.topology.pyramid.VaeFrame}.
 *
 * <p>Dimension letters, used in every file of this package: B batch, N input points, L latent
 * tokens (= coarsest pyramid nodes), C latent channels, D token width, H heads, E head width,
 * V reference vertices, n nodes of a pyramid level, W decoder width at a level, T triangles,
 * P interior edges.
 */
package dev.topos.nn.vae;
