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

  /**
   * Refuses to mutate a value of this owner when it is frozen, or while {@code iterators} loops
   * are iterating over it.
   */
  void checkMutable(String type, int iterators) {
    if (frozen) {
      throw new EvalException("trying to mutate a frozen " + type + " value");
    }
    if (iterators > 0) {
      throw new EvalException(type + " value is temporarily immutable due to active for-loop"
          + " iteration");
    }
  }

  public void freeze() {
    frozen = true;
  }

  @Override
  public void close() {
    freeze();
  }
}
