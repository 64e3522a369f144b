package dev.mirror.copy;

import java.util.Locale;

/**
 * What run does when the destination tag points at another digest than the pin ({@code
 * --on-drift}, {@code [mirror] on_drift}).
 */
public enum DriftPolicy {
  /** Moves the tag to the pin, copying what is missing first. */
  OVERWRITE,
  /** Fails the target, naming both digests, without copying anything for it. */
  FAIL,
  /** Makes sure the pinned digest is at the destination, and leaves the tag where it is. */
  KEEP;

  /** The policy as the option spells it: {@code overwrite}, {@code fail} or {@code keep}. */
  public String optionValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The policy named {@code value} as the option spells it; throws for any other value. */
  public static DriftPolicy of(String value) {
    for (DriftPolicy policy : values()) {
      if (policy.optionValue().equals(value)) {
        return policy;
      }
    }
    throw new IllegalArgumentException("--on-drift must be overwrite, fail or keep, not '"
        + value + "'");
  }
}
