package dev.topos.synth.dataset;

import dev.topos.synth.SynthConfig;
import java.util.Locale;

/** The short dataset card written as README.md beside the shards. */
public final class DatasetCard {
  private DatasetCard() {}

  public static String markdown(Split split, long seedOffset, long count, SynthConfig config) {
    long first = split.sampleSeed(seedOffset, 0);
    return String.format(Locale.ROOT, """
        # topos synthetic head dataset

        - split: **%s**, %d samples, sample seeds %d to %d (sample i has seed %d + i)
        - made by: `topos synth --split %s --seed %d --count %d%s --points %d` (deterministic: the same command gives the same bytes; running it again resumes)
        - source: MakeHuman's CC0 head space (topos reference topology), pushed off its linear span by smooth random deformations; no real person is depicted

        ## Each sample
        - `vertices`: ground truth in the reference topology, the full vertex array (4,368 head vertices, then eyes, teeth, tongue and joint cubes), metres, canonical head frame (+Y up, face along +Z, origin between the eye joints)
        - `scanPoints`, `scanNormals`: %d points with unit normals sampled on a simulated scan of a different topology (families: remeshed, decimated, marching cubes, partial, noisy; with holes, neck cuts, shoulders or hair caps at random)
        - `metadataJson`: every sampling parameter (head sliders and expression, deformation, scan, albedo, camera, lights)%s

        ## Files
        - `manifest.json`: the request, the generator configuration and each shard's SHA-256
        - `shard-NNNNN.bin`: samples in index order (format: `dev.topos.synth.dataset.ShardFormat`); read with `DatasetReader`
        """,
        split.key(), count, first, first + count - 1, first, split.key(), seedOffset, count,
        config.portraits() ? " --portraits --size " + config.portraitSize() : "", config.points(), config.points(),
        config.portraits() ? String.format(Locale.ROOT,
            "%n- `portraitPng`: a %dx%d portrait (random 35-105 mm lens, yaw +-60, pitch +-25, roll +-15, SH environment + key + fill lights, backgrounds), `camera`: its intrinsics and extrinsics%n- `albedoPng`: the ground-truth %dx%d albedo in the reference UV layout",
            config.portraitSize(), config.portraitSize(), config.albedoSize(), config.albedoSize()) : "");
  }
}
