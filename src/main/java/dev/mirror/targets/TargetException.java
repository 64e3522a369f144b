package dev.mirror.targets;

/** A target that cannot be built from its declaration: where it was declared and why. */
public final class TargetException extends Exception {
  private final Origin origin;

  public TargetException(Origin origin, String message) {
    super(message, null, false, false);
    this.origin = origin;
  }

  public Origin origin() {
    return origin;
  }

  /** {@code path:line:col: error: message}, as mirror prints every problem. */
  public String render() {
    return (origin == null ? "" : origin + ": ") + "error: " + getMessage();
  }
}
