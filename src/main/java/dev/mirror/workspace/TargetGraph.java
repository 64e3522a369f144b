package dev.mirror.workspace;

import dev.mirror.targets.MirrorImage;
import dev.mirror.targets.PinCandidate;
import dev.mirror.targets.Target;
import dev.mirror.targets.UnpinnedImage;
import java.util.List;

/**
 * What an invocation's specs select: the targets sorted by address (Pants' order), each once;
 * the typed images they stand for (a selected generator stands for the images it generated),
 * sorted by address, each once; and the warnings to show.
 *
 * <p>From {@link Workspace#resolve} no target is unpinned. From {@link
 * Workspace#resolveForPinning} some may be: they are among {@code targets}, have no image in
 * {@code images}, and {@link #unpinned} lists them.
 */
public record TargetGraph(List<Target> targets, List<MirrorImage> images, List<String> warnings) {
  public TargetGraph {
    targets = List.copyOf(targets);
    images = List.copyOf(images);
    warnings = List.copyOf(warnings);
  }

  /** The selected {@code oci_mirror_image} targets that have no {@code sha} yet, by address. */
  public List<UnpinnedImage> unpinned() {
    return targets.stream().filter(Target::isUnpinned).map(Target::unpinned).toList();
  }

  /** What {@code mirror pin} may pin among the selected targets: {@link PinCandidate#of}. */
  public List<PinCandidate> pinCandidates() {
    return PinCandidate.of(targets);
  }
}
