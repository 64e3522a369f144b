package dev.mirror.pin;

import dev.mirror.registry.Digest;

/**
 * What {@code pin} did with one target.
 *
 * @param resolved the digest the tag resolves to at the source, or null when that failed
 * @param error why the target could not be pinned, or null
 */
public record PinOutcome(PinTarget target, Status status, Digest resolved, String error) {

  /** A pin's fate. */
  public enum Status {
    /** The BUILD file pins what the tag resolves to. */
    CURRENT,
    /** The BUILD file was rewritten with the new digest. */
    UPDATED,
    /** The BUILD file would be rewritten ({@code --check}). */
    WOULD_UPDATE,
    /** The tag could not be resolved, or the value cannot be rewritten, or the file moved. */
    FAILED
  }

  static PinOutcome failed(PinTarget target, Digest resolved, String error) {
    return new PinOutcome(target, Status.FAILED, resolved, error);
  }
}
