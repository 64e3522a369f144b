package dev.mirror.targets;

import dev.mirror.registry.RepositoryName;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code index}-th of {@code count} disjoint parts of the selected images, as Pants'
 * {@code --shard=k/N}: every image is in exactly one shard, and all images with the same
 * destination repository are in the same one, so no two shards push to one repository and blobs
 * shared inside a repository are uploaded once.
 *
 * <p>The split depends only on the set of destination repositories selected: each is keyed by
 * the sha256 of its normalised name ({@code registry/path}, the registry in lower case), the
 * keys are sorted, and the i-th repository goes to shard {@code i mod N}. The machine, the JVM,
 * the order of BUILD files and the number of targets per repository play no part. Dealing the
 * repositories out in hash order, rather than taking each repository's hash modulo N, keeps the
 * shards within one repository of each other; the price is that a repository's shard depends on
 * which other repositories are selected, so every shard must be given the same specs and
 * options (as with Pants). Shards are balanced by repositories, not by targets or bytes.
 */
public record Shard(int index, int count) {
  /** The whole selection: one shard of one. */
  public static final Shard ALL = new Shard(0, 1);

  private static final Pattern SPEC = Pattern.compile("(\\d{1,9})/(\\d{1,9})");

  public Shard {
    if (count < 1 || index < 0 || index >= count) {
      throw new IllegalArgumentException(invalid(index + "/" + count, ""));
    }
  }

  /**
   * Reads {@code k/N} with {@code 0 <= k < N}; throws {@link IllegalArgumentException} with
   * Pants' message, naming {@code origin} (e.g. {@code --shard}) when not empty.
   */
  public static Shard parse(String spec, String origin) {
    Matcher m = SPEC.matcher(spec);
    if (!m.matches()) {
      throw new IllegalArgumentException(invalid(spec, origin));
    }
    int index = Integer.parseInt(m.group(1));
    int count = Integer.parseInt(m.group(2));
    if (count < 1 || index >= count) {
      throw new IllegalArgumentException(invalid(spec, origin));
    }
    return new Shard(index, count);
  }

  private static String invalid(String spec, String origin) {
    return "Invalid shard specification " + spec + (origin.isEmpty() ? "" : " from " + origin)
        + ". Use a string of the form \"k/N\" where k and N are integers, and 0 <= k < N.";
  }

  /** The images of this shard, in the order given. */
  public List<MirrorImage> select(List<MirrorImage> images) {
    if (count == 1) {
      return images;
    }
    Map<String, Integer> shards = assign(images.stream().map(MirrorImage::destination).toList(),
        count);
    List<MirrorImage> mine = new ArrayList<>();
    for (MirrorImage image : images) {
      if (shards.get(key(image.destination())) == index) {
        mine.add(image);
      }
    }
    return mine;
  }

  /**
   * Each distinct repository's shard among {@code count}, keyed by {@link #key}: the
   * repositories sorted by the sha256 of their key, dealt out in turn.
   */
  public static Map<String, Integer> assign(List<RepositoryName> repositories, int count) {
    TreeMap<String, String> byHash = new TreeMap<>();
    for (RepositoryName repository : repositories) {
      String key = key(repository);
      byHash.put(sha256(key) + " " + key, key);
    }
    Map<String, Integer> shards = new LinkedHashMap<>();
    int i = 0;
    for (String key : byHash.values()) {
      shards.put(key, i++ % count);
    }
    return shards;
  }

  /** A repository as shards see it: {@code registry/path}, the registry in lower case. */
  public static String key(RepositoryName repository) {
    return repository.registry().toLowerCase(Locale.ROOT) + "/" + repository.path();
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e); // every JVM has SHA-256
    }
  }

  @Override
  public String toString() {
    return index + "/" + count;
  }
}
