package dev.mirror.layout;

import dev.mirror.registry.Descriptor;
import dev.mirror.registry.Digest;
import dev.mirror.registry.Manifest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything an image consists of: its top manifest, the child manifests of its indexes (nested
 * at most {@link #MAX_DEPTH} deep) and the distinct blobs they name, foreign layers left out (they
 * stay references, as registries and skopeo leave them).
 */
record ImageWalk(List<Manifest> manifests, Map<Digest, Descriptor> blobs) {
  /** As deep as the copy engine follows indexes. */
  static final int MAX_DEPTH = 8;

  /** Finds a child manifest by its descriptor, empty when the layout lacks it. */
  interface Manifests {
    Optional<Manifest> find(Descriptor child) throws IOException;
  }

  static ImageWalk of(Manifest top, Manifests lookup, String image) throws IOException {
    List<Manifest> manifests = new ArrayList<>();
    Map<Digest, Descriptor> blobs = new LinkedHashMap<>();
    visit(top, lookup, image, 0, manifests, blobs);
    return new ImageWalk(manifests, blobs);
  }

  private static void visit(Manifest manifest, Manifests lookup, String image, int depth,
      List<Manifest> manifests, Map<Digest, Descriptor> blobs) throws IOException {
    if (manifests.stream().anyMatch(m -> m.digest().equals(manifest.digest()))) {
      return;
    }
    manifests.add(manifest);
    for (Descriptor blob : manifest.blobs()) {
      if (!blob.isForeign()) {
        blobs.putIfAbsent(blob.digest(), blob);
      }
    }
    for (Descriptor child : manifest.children()) {
      if (depth + 1 >= MAX_DEPTH) {
        throw new LayoutException(LayoutException.Kind.TOO_LARGE, image + ": indexes nest deeper"
            + " than " + MAX_DEPTH + " levels (at " + child.digest() + ")");
      }
      Manifest found = lookup.find(child).orElseThrow(() -> new LayoutException(
          LayoutException.Kind.INCOMPLETE, image + ": its manifest " + child.digest()
          + " is not in the layout"));
      visit(found, lookup, image, depth + 1, manifests, blobs);
    }
  }
}
