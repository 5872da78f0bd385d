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
        method("linear-space", cloud -> linear.fit(cloud)),
        method("mean-head", cloud -> mean.fit(cloud)));
  }

  private interface Fit {
    float[] apply(PointCloud cloud);
  }

  private static RetopoMethod method(String name, Fit fit) {
    return new RetopoMethod() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public float[] retopologize(dev.topos.nn.vae.VaeExample scan, float[] scanMetres, float[] scanNormals, long seed) {
        return fit.apply(new PointCloud(scanMetres, scanNormals));
      }
    };
  }
}
