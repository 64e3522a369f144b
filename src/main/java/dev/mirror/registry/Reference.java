package dev.mirror.registry;

import java.util.regex.Pattern;

/**
 * A manifest's address: a repository and a digest ({@code repository@sha256:...}) or a tag
 * ({@code repository:tag}). The distribution API takes either in the same place; which one it
 * is decides whether the bytes fetched must hash to it. Printed as the user wrote the
 * repository, so {@code toString} parses back.
 */
public sealed interface Reference permits Reference.ByDigest, Reference.ByTag {
  RepositoryName repository();

  /** The digest or the tag, as the manifests endpoint takes it. */
  String identifier();

  static ByDigest of(RepositoryName repository, Digest digest) {
    return new ByDigest(repository, digest);
  }

  static ByTag of(RepositoryName repository, String tag) {
    return new ByTag(repository, tag);
  }

  /** {@code repository@algorithm:hex}. */
  record ByDigest(RepositoryName repository, Digest digest) implements Reference {
    public ByDigest {
      if (repository == null || digest == null) {
        throw new IllegalArgumentException("a digest reference needs a repository and a digest");
      }
    }

    @Override
    public String identifier() {
      return digest.toString();
    }

    @Override
    public String toString() {
      return repository + "@" + digest;
    }
  }

  /** {@code repository:tag}; a tag as the distribution spec allows it. */
  record ByTag(RepositoryName repository, String tag) implements Reference {
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");

    public ByTag {
      if (repository == null || tag == null || !TAG.matcher(tag).matches()) {
        throw new IllegalArgumentException("not a tag: " + tag);
      }
    }

    @Override
    public String identifier() {
      return tag;
    }

    @Override
    public String toString() {
      return repository + ":" + tag;
    }
  }
}
