package dev.mirror.layout;

import dev.mirror.registry.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** Where a {@link OciLayoutWriter} puts a layout's files: a directory or a tar archive. */
interface LayoutTarget extends AutoCloseable {
  /** The index.json the layout had before this run (empty for a new one or a tar). */
  IndexFile existingIndex();

  /**
   * Whether the layout holds the blob with the right content: checked by hashing what is there.
   * A blob whose content does not match its name is a {@link LayoutException.Kind#DIGEST_MISMATCH}.
   */
  boolean holds(Digest digest) throws IOException;

  /** Writes a blob, verified on the way; nothing is left under its name unless it matched. */
  void write(Digest digest, long size, InputStream content) throws IOException;

  /** A manifest's bytes already in the layout (up to {@code max} bytes), if they can be read. */
  Optional<byte[]> read(Digest digest, int max) throws IOException;

  /** Makes this index.json the layout's, as soon as the target allows. */
  void publishIndex(byte[] index) throws IOException;

  /** Finishes the layout: after this it is complete where it belongs. */
  void commit() throws IOException;

  /** Releases the layout; a tar not committed is discarded, the old one left as it was. */
  @Override
  void close() throws IOException;

  /** Names a file of the layout in messages. */
  String describe(String path);
}
