package dev.mirror.starlark.eval;

/** The type of {@code None}; its one instance is {@link Starlark#NONE}. */
public final class NoneType implements StarlarkValue {
  static final NoneType NONE = new NoneType();

  private NoneType() {}

  @Override
  public String type() {
    return "NoneType";
  }

  @Override
  public void repr(Printer out) {
    out.append("None");
  }

  @Override
  public boolean truth() {
    return false;
  }

  @Override
  public String toString() {
    return "None";
  }
}
