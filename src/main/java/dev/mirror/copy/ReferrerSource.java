package dev.mirror.copy;

import dev.mirror.registry.Digest;
import dev.mirror.registry.ReferrerIndex;
import dev.mirror.registry.RegistryException;
import dev.mirror.registry.RepositoryName;
import java.util.Optional;

/**
 * Where the manifests that refer to an image are found: its source registry (the referrers API
 * or fallback tag, and cosign's tags), or an OCI image layout they were exported into.
 */
public interface ReferrerSource {

  /** The referrers listed for {@code subject} in {@code repository}; empty when none. */
  ReferrerIndex listed(RepositoryName repository, Digest subject) throws RegistryException;

  /** The manifest the tag {@code tag} of {@code repository} names, if it is set. */
  Optional<Digest> tagged(RepositoryName repository, String tag) throws RegistryException;
}
