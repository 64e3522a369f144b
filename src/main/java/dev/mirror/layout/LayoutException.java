package dev.mirror.layout;

import java.io.IOException;

/**
 * An OCI image layout that cannot be read or written as asked, with a message that names the
 * layout, the file and, for content that is not what its name says, both digests. Callers decide
 * by {@link #kind()}, never by the message.
 */
public final class LayoutException extends IOException {
  /** What went wrong, as far as a caller deciding what to do next cares. */
  public enum Kind {
    /** A blob whose content does not hash to its name, or is not the size promised. */
    DIGEST_MISMATCH,
    /** A blob, manifest or image the layout does not hold. */
    NOT_FOUND,
    /** Not an OCI image layout, or one whose oci-layout, index.json or tar is malformed. */
    MALFORMED,
    /** An image whose manifests or blobs are not all in the layout yet. */
    INCOMPLETE,
    /** More than this package accepts: a manifest or index.json too large, indexes too deep. */
    TOO_LARGE,
    /** Another writer holds the layout. */
    LOCKED
  }

  private final Kind kind;

  public LayoutException(Kind kind, String message) {
    this(kind, message, null);
  }

  public LayoutException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
