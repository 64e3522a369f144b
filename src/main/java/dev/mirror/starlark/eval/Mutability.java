package dev.mirror.starlark.eval;

/**
 * The owner of the mutable values one evaluation creates. Freezing it (at the end of a module's
 * evaluation) makes all of them immutable at once, so they can be shared across threads.
 */
public final class Mutability implements AutoCloseable {
  private volatile boolean frozen;

  public static final Mutability IMMUTABLE = frozenInstance();

  private static Mutability frozenInstance() {
    Mutability m = new Mutability();
    m.frozen = true;
    return m;
  }

  public boolean isFrozen() {
    return frozen;
  }

  public void freeze() {
    frozen = true;
  }

  @Override
  public void close() {
    freeze();
  }
}
