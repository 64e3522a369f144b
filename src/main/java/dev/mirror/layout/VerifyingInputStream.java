package dev.mirror.layout;

import dev.mirror.registry.Digest;
import dev.mirror.registry.VerifyingStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A blob read from a layout, verified as it is read ({@link VerifyingStream}): a mismatch is a
 * {@link LayoutException.Kind#DIGEST_MISMATCH} naming the blob's place in the layout.
 */
final class VerifyingInputStream extends VerifyingStream {
  private final String name;

  /** {@code name} says where the content is, for the error: the layout and the blob's path. */
  VerifyingInputStream(InputStream in, Digest expected, long expectedSize, String name) {
    super(in, expected, expectedSize, name);
    this.name = name;
  }

  @Override
  protected IOException tooLarge(long expectedSize) {
    return mismatch(name, "is larger than the " + expectedSize + " bytes expected");
  }

  @Override
  protected IOException wrongSize(long read, long expectedSize) {
    return mismatch(name, "has " + read + " bytes, not the " + expectedSize + " expected");
  }

  @Override
  protected IOException wrongDigest(Digest actual) {
    return mismatch(name, "has digest " + actual + ", not " + expected());
  }

  static LayoutException mismatch(String name, String what) {
    return new LayoutException(LayoutException.Kind.DIGEST_MISMATCH, name + " " + what);
  }
}
