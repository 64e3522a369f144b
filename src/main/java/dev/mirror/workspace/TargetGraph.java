package dev.mirror.workspace;

import dev.mirror.targets.MirrorImage;
import dev.mirror.targets.Target;
import java.util.List;

/**
 * What an invocation's specs select: the targets sorted by address (Pants' order), each once;
 * the typed images they stand for (a selected generator stands for the images it generated),
 * sorted by address, each once; and the warnings to show.
 */
public record TargetGraph(List<Target> targets, List<MirrorImage> images, List<String> warnings) {
  public TargetGraph {
    targets = List.copyOf(targets);
    images = List.copyOf(images);
    warnings = List.copyOf(warnings);
  }
}
