package dev.mirror.registry.testing;

import java.util.ArrayList;
import java.util.List;

/** The reference tool, to check what a registry holds independently of the code under test. */
public final class Skopeo {
  private Skopeo() {}

  /**
   * The manifest bytes of {@code repository@digest-or-tag} exactly as served
   * ({@code skopeo inspect --raw}), anonymous, without TLS verification.
   */
  public static byte[] inspectRaw(RegistryEndpoint registry, String reference) {
    return inspectRaw(registry, reference, Credentials.anonymous());
  }

  public static byte[] inspectRaw(RegistryEndpoint registry, String reference,
      Credentials credentials) {
    List<String> command = new ArrayList<>(List.of("skopeo", "inspect", "--raw",
        "--tls-verify=false"));
    if (!credentials.isAnonymous()) {
      command.add("--creds=" + credentials.user() + ":" + credentials.password());
    } else {
      command.add("--no-creds");
    }
    command.add("docker://" + registry.host() + "/" + reference);
    return ExternalCommand.run(null, command);
  }
}
