package dev.topos.synth.dataset;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.util.List;

/**
 * The dataset's {@code manifest.json}: what was generated and how, enough to regenerate it, and
 * the shards with their SHA-256. Holds no timestamps, so the same command gives the same bytes.
 *
 * @param format always "topos-synth"
 * @param version format version
 * @param split train, val or test
 * @param seedOffset the seed offset within the split (sample i has seed splitStart + seedOffset + i)
 * @param count number of samples
 * @param shardSize samples per shard
 * @param config the generator's configuration
 * @param shards the finished shards, in order
 * @param complete true once every shard is written
 */
public record Manifest(String format, int version, String split, long seedOffset, long count, int shardSize,
    JsonObject config, List<Shard> shards, boolean complete) {

  static final String FILE = "manifest.json";
  static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

  /**
   * @param file shard file name
   * @param first index of its first sample
   * @param count samples in it
   * @param sha256 hex digest of the file
   */
  public record Shard(String file, long first, int count, String sha256) {}

  public int shardCount() {
    return (int) ((count + shardSize - 1) / shardSize);
  }

  static String shardName(int k) {
    return String.format(java.util.Locale.ROOT, "shard-%05d.bin", k);
  }

  String toJson() {
    return GSON.toJson(this) + "\n";
  }

  static Manifest fromJson(String json) {
    return GSON.fromJson(json, Manifest.class);
  }

  /** True when this manifest describes the same dataset request as other (ignoring progress). */
  boolean sameRequest(Manifest o) {
    return split.equals(o.split) && seedOffset == o.seedOffset && count == o.count && shardSize == o.shardSize
        && config.equals(o.config);
  }
}
