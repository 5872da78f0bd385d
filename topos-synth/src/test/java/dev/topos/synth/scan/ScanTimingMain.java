package dev.topos.synth.scan;

import dev.topos.geometry.Mesh;
import dev.topos.topology.space.HeadModel;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Mean time of {@link ScanSimulator#simulate} per family on one thread (scan and point cloud,
 * not the head), after a warm-up, for sampled heads. Not a test: run it by hand,
 * {@code java -cp ... dev.topos.synth.scan.ScanTimingMain [scans per family]}.
 */
public final class ScanTimingMain {
  private ScanTimingMain() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    HeadModel model = HeadModel.loadBundled();
    List<Mesh> heads = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      heads.add(model.sample(i).headMesh());
    }
    ScanSimulator simulator = new ScanSimulator(model.topology(), ScanOptions.defaults());
    for (int i = 0; i < 60; i++) {
      simulator.simulate(heads.get(i % heads.size()), 10_000 + i);
    }
    Map<ScanFamily, Double> ms = new EnumMap<>(ScanFamily.class);
    for (int round = 0; round < 2; round++) {
      for (ScanFamily f : ScanFamily.values()) {
        long t0 = System.nanoTime();
        long vertices = 0;
        for (int i = 0; i < n; i++) {
          vertices += simulator.simulate(heads.get(i % heads.size()), 1000L * round + i, f).mesh().vertexCount();
        }
        double mean = (System.nanoTime() - t0) / 1e6 / n;
        ms.put(f, mean);
        if (round == 1) {
          System.out.printf("%-15s %6.1f ms/scan  (mean %d scan vertices)%n", f.key(), mean, vertices / n);
        }
      }
    }
    double weighted = 0;
    double total = 0;
    for (ScanFamily f : ScanFamily.values()) {
      double w = simulator.options().familyWeights().get(f);
      weighted += w * ms.get(f);
      total += w;
    }
    System.out.printf("weighted by the default family mix: %.1f ms/scan%n", weighted / total);
    long t0 = System.nanoTime();
    for (int i = 0; i < 5 * n; i++) {
      simulator.simulate(heads.get(i % heads.size()), 50_000 + i);
    }
    System.out.printf("drawn from the default mix:         %.1f ms/scan%n", (System.nanoTime() - t0) / 1e6 / (5 * n));
  }
}
