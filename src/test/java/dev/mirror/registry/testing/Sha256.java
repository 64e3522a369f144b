package dev.mirror.registry.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** {@code sha256:<hex>} digests of bytes and streams. */
public final class Sha256 {
  private Sha256() {}

  public static String digest(byte[] bytes) {
    return "sha256:" + HexFormat.of().formatHex(newDigest().digest(bytes));
  }

  /** Reads {@code in} to its end (without closing it) and digests what it read. */
  public static String digest(InputStream in) {
    MessageDigest digest = newDigest();
    byte[] buffer = new byte[1 << 16];
    try {
      int n;
      while ((n = in.read(buffer)) > 0) {
        digest.update(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return "sha256:" + HexFormat.of().formatHex(digest.digest());
  }

  /** The hex part of a {@code sha256:<hex>} digest. */
  public static String hex(String digest) {
    if (!digest.startsWith("sha256:")) {
      throw new IllegalArgumentException("not a sha256 digest: " + digest);
    }
    return digest.substring("sha256:".length());
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
