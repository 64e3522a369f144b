package dev.mirror.copy;

import dev.mirror.registry.Digest;
import dev.mirror.registry.RegistryException;
import dev.mirror.registry.VerifyingStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;

/**
 * A blob's content on its way through, verified as it is read ({@link VerifyingStream}), so the
 * upload it feeds is aborted rather than finished with wrong content; it reports progress, and
 * keeps the mismatch it found so that the upload's failure can be told from the content's.
 * (The registry client fails the stream underneath when it stalls.)
 */
final class VerifyingInputStream extends VerifyingStream {
  private final String origin;
  private final LongConsumer progress;
  private volatile RegistryException mismatch;

  VerifyingInputStream(InputStream in, Digest expected, long expectedSize, String origin,
      LongConsumer progress) {
    super(in, expected, expectedSize, "content");
    this.origin = origin;
    this.progress = progress;
  }

  /** Whether the content turned out to be other than expected (not worth retrying). */
  boolean mismatched() {
    return mismatch != null;
  }

  /** How the content was other than expected, or null while it is not known to be. */
  RegistryException mismatch() {
    return mismatch;
  }

  @Override
  protected void counted(int bytes) {
    progress.accept(bytes);
  }

  @Override
  protected IOException tooLarge(long expectedSize) {
    return fail("is larger than the " + expectedSize + " bytes its descriptor says");
  }

  @Override
  protected IOException wrongSize(long read, long expectedSize) {
    return fail("has " + read + " bytes, not the " + expectedSize + " its descriptor says");
  }

  @Override
  protected IOException wrongDigest(Digest actual) {
    return fail("has another digest: " + actual);
  }

  private RegistryException fail(String what) {
    mismatch = new RegistryException(RegistryException.Kind.DIGEST_MISMATCH,
        "blob " + expected() + " from " + origin + " " + what);
    return mismatch;
  }
}
