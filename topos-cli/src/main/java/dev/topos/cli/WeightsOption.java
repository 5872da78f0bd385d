package dev.topos.cli;

import dev.topos.geometry.Mesh;
import dev.topos.nn.vae.ShippedWeights;
import dev.topos.nn.vae.TopoVae;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --weights} option of every command that runs TOPOS-VAE (a picocli mixin). */
final class WeightsOption {
  @Option(names = "--weights", paramLabel = "DIR",
      description = "A trained model folder (config.json + parameters.bin); default: the shipped cpu-small weights.")
  Path weights;

  /** The model these options name, for the reference head. */
  TopoVae load(Mesh referenceHead) throws IOException {
    return ShippedWeights.load(weights, referenceHead);
  }

  /** The error modes fitted for this model (beside its weights), or null. */
  dev.topos.nn.vae.ErrorModes errorModes() throws IOException {
    return ShippedWeights.loadErrorModes(weights);
  }

  /** The feed-forward calibration fitted for this model (beside its weights), or null. */
  dev.topos.nn.vae.FeedForwardCalibration calibration() throws IOException {
    return ShippedWeights.loadCalibration(weights);
  }

  /** The pose correction fitted for this model (beside its weights), or null. */
  dev.topos.nn.vae.PoseCorrection poseCorrection() throws IOException {
    return ShippedWeights.loadPoseCorrection(weights);
  }

  /** The shape modes beside this model, else the shipped ones, or null. */
  dev.topos.topology.fit.ShapeModes shapeModes() throws IOException {
    return ShippedWeights.loadShapeModes(weights);
  }

  /** What to report as the model's name. */
  String describe() {
    return weights == null ? "bundled cpu-small" : weights.toString();
  }
}
