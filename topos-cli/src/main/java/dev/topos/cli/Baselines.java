package dev.topos.cli;

import dev.topos.geometry.PointCloud;
import dev.topos.nn.vae.RetopoMethod;
import dev.topos.topology.ReferenceTopology;
import dev.topos.topology.fit.LinearSpaceFit;
import dev.topos.topology.fit.MeanHeadFit;
import dev.topos.topology.space.HeadModel;
import java.util.List;

/**
 * The retopology baselines of `topos eval vae`, on the same conditioned scan points as the model:
 * (a) the regularised least-squares fit of the linear head space (non-rigid ICP style) and (b) the
 * mean head after similarity alignment.
 */
final class Baselines {
  private Baselines() {}

  static List<RetopoMethod> methods(ReferenceTopology topology) {
    LinearSpaceFit linear = new LinearSpaceFit(HeadModel.loadBundled());
    MeanHeadFit mean = new MeanHeadFit(topology);
    return List.of(
        RetopoMethod.of("linear-space", (scan, metres, normals, seed) -> linear.fit(new PointCloud(metres, normals))),
        RetopoMethod.of("mean-head", (scan, metres, normals, seed) -> mean.fit(new PointCloud(metres, normals))));
  }
}
