package dev.mirror.registry;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A content digest, {@code algorithm:hex}, as the OCI image spec defines it. Only sha256 and
 * sha512 can be verified, the two the spec registers.
 */
public record Digest(String algorithm, String hex) implements Comparable<Digest> {
  private static final Pattern SHA256 = Pattern.compile("[a-f0-9]{64}");
  private static final Pattern SHA512 = Pattern.compile("[a-f0-9]{128}");

  public Digest {
    Pattern shape = switch (algorithm) {
      case "sha256" -> SHA256;
      case "sha512" -> SHA512;
      default -> throw new IllegalArgumentException("unsupported digest algorithm: " + algorithm);
    };
    if (!shape.matcher(hex).matches()) {
      throw new IllegalArgumentException("not a " + algorithm + " digest: " + hex);
    }
  }

  /** Parses {@code sha256:<64 hex>}; throws IllegalArgumentException with the reason. */
  public static Digest parse(String text) {
    int colon = text.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("not a digest (no algorithm): " + text);
    }
    return new Digest(text.substring(0, colon), text.substring(colon + 1));
  }

  public static Digest sha256(String hex) {
    return new Digest("sha256", hex);
  }

  /** The sha256 digest of these bytes. */
  public static Digest of(byte[] bytes) {
    return new Digest("sha256", HexFormat.of().formatHex(sha256().digest(bytes)));
  }

  /** A fresh hasher for this digest's algorithm. */
  public MessageDigest newHasher() {
    return hasher(algorithm.equals("sha256") ? "SHA-256" : "SHA-512");
  }

  /** The first 12 hex digits, for progress lines. */
  public String shortHex() {
    return hex.substring(0, 12);
  }

  static MessageDigest sha256() {
    return hasher("SHA-256");
  }

  private static MessageDigest hasher(String name) {
    try {
      return MessageDigest.getInstance(name);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks " + name, e);
    }
  }

  @Override
  public int compareTo(Digest other) {
    return toString().compareTo(other.toString());
  }

  @Override
  public String toString() {
    return algorithm + ":" + hex;
  }
}
