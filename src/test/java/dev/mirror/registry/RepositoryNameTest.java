package dev.mirror.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** mirror's repository grammar against Jib Core's, which it replaced on the loading path. */
class RepositoryNameTest {
  private static final Set<String> HUB = Set.of("registry-1.docker.io", "index.docker.io",
      "docker.io");

  /** What Jib reads a repository name as, with Docker's Hub normalisation; null if refused. */
  private static String jib(String text) {
    try {
      ImageReference reference = ImageReference.parse(text);
      if (reference.getDigest().isPresent() || !reference.usesDefaultTag()
          || text.equals("scratch")) {
        return null;
      }
      String registry = reference.getRegistry();
      String path = reference.getRepository();
      if (HUB.contains(registry)) {
        registry = "registry-1.docker.io";
        path = path.contains("/") ? path : "library/" + path;
      }
      return registry + " " + path;
    } catch (InvalidImageReferenceException e) {
      return null;
    }
  }

  private static String ours(String text) {
    try {
      RepositoryName name = RepositoryName.parse(text);
      return name.registry() + " " + name.path();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  @Test
  void readsEveryNameAsJibDoes() {
    Random random = new Random(11);
    String alphabet = "ab1Z._-/:@";
    for (int i = 0; i < 200_000; i++) {
      StringBuilder text = new StringBuilder();
      for (int n = random.nextInt(12); n > 0; n--) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String name = text.toString();
      assertEquals(jib(name), ours(name), name);
    }
    for (String name : new String[] {"localhost:5000/a/b", "r.example/team/app", "docker.io/x",
        "index.docker.io/library/x", "a__b/c-d", "a.b:1/c", "UPPER/app", "x", "127.0.0.1:5000/y",
        "my_host.example/x", "a/b:tag", "a@sha256:" + "0".repeat(64)}) {
      assertEquals(jib(name), ours(name), name);
    }
  }
}
