package dev.mirror.specs;

import dev.mirror.targets.Target;
import java.util.List;

/**
 * What the specs select: targets sorted by address (Pants' order) without duplicates, and the
 * warnings to show (unmatched globs under {@code unmatched_cli_globs = warn}).
 */
public record Resolution(List<Target> targets, List<String> warnings) {
  public Resolution {
    targets = List.copyOf(targets);
    warnings = List.copyOf(warnings);
  }
}
