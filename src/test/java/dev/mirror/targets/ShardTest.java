package dev.mirror.targets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirror.registry.Digest;
import dev.mirror.registry.RepositoryName;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShardTest {
  private static final int REPOSITORIES = 40;

  /** The i-th repository; odd targets spell the registry in upper case (the same repository). */
  private static String repository(int i, boolean upper) {
    String registry = "registry" + (i % 3) + ".example.com:5000";
    return (upper ? registry.toUpperCase(Locale.ROOT) : registry) + "/team" + (i % 7) + "/app" + i;
  }

  /** 200 targets, five per repository, in an order that has nothing to do with repositories. */
  private static List<MirrorImage> images() {
    List<MirrorImage> images = new ArrayList<>();
    for (int j = 0; j < 200; j++) {
      images.add(new MirrorImage(Address.of("images/dir" + (j % 11), "t" + j), null,
          RepositoryName.parse("docker.io/library/python"),
          RepositoryName.parse(repository(j % REPOSITORIES, j % 2 == 1)),
          Digest.sha256(String.format("%064x", j)), Optional.of("v" + j)));
    }
    Collections.shuffle(images, new Random(12));
    return images;
  }

  /**
   * Shard of repository i for N = 1..7, computed apart from this code (Python's hashlib: the
   * repositories sorted by sha256 of "registry/path", dealt out in turn). Pins the split across
   * machines, JVMs and versions: changing it moves repositories between CI jobs.
   */
  private static final List<String> GOLDEN = List.of(
      "0000000000000000000000000000000000000000",
      "1010111100111100101011001010001000011010",
      "0000101220021011001020212210212222021111",
      "3010313320131322301213001212201002231230",
      "3211144020332024240304242411334301013021",
      "3030131520351344301053245210245222051414",
      "3501325020522116634454443016301165246302");

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7})
  void shardsPartitionTheTargetsByDestinationRepository(int n) {
    List<MirrorImage> images = images();
    Set<Address> seen = new HashSet<>();
    Map<String, Integer> shardOfRepository = new HashMap<>();
    int[] repositoriesPerShard = new int[n];
    for (int k = 0; k < n; k++) {
      List<MirrorImage> part = new Shard(k, n).select(images);
      Set<String> repositories = new HashSet<>();
      for (MirrorImage image : part) {
        assertTrue(seen.add(image.address()), "in two shards: " + image.address());
        String repository = Shard.key(image.destination());
        repositories.add(repository);
        Integer earlier = shardOfRepository.putIfAbsent(repository, k);
        assertTrue(earlier == null || earlier == k, "split: " + repository);
        int i = Integer.parseInt(repository.substring(repository.lastIndexOf("/app") + 4));
        assertEquals(GOLDEN.get(n - 1).charAt(i) - '0', k, repository + " of " + n);
      }
      repositoriesPerShard[k] = repositories.size();
      // The images keep the order given.
      List<MirrorImage> ordered = new ArrayList<>(images);
      ordered.retainAll(part);
      assertEquals(ordered, part);
    }
    assertEquals(images.size(), seen.size(), "the union is all");
    assertEquals(REPOSITORIES, shardOfRepository.size());
    for (int count : repositoriesPerShard) {
      assertTrue(count == REPOSITORIES / n || count == (REPOSITORIES + n - 1) / n,
          "balanced by repositories: " + java.util.Arrays.toString(repositoriesPerShard));
    }
  }

  @Test
  void theOrderOfTheTargetsDoesNotMatter() {
    List<MirrorImage> images = images();
    List<MirrorImage> reversed = new ArrayList<>(images);
    Collections.reverse(reversed);
    for (int k = 0; k < 5; k++) {
      assertEquals(new HashSet<>(new Shard(k, 5).select(images)),
          new HashSet<>(new Shard(k, 5).select(reversed)));
    }
  }

  @Test
  void oneShardIsEverything() {
    List<MirrorImage> images = images();
    assertSame(images, Shard.ALL.select(images));
    assertEquals(Shard.ALL, Shard.parse("0/1", "--shard"));
    assertEquals(new Shard(2, 7), Shard.parse("2/7", "--shard"));
    assertEquals("2/7", new Shard(2, 7).toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1", "1/1", "3/2", "-1/2", "0/0", "a/b", "0/2/3", " 0/2", "0/",
      "/2", "1.0/2", "0/99999999999"})
  void badSpecificationsAreRejectedAsPantsDoes(String spec) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Shard.parse(spec, "--shard"));
    assertEquals("Invalid shard specification " + spec + " from --shard. Use a string of the form"
        + " \"k/N\" where k and N are integers, and 0 <= k < N.", e.getMessage());
  }
}
