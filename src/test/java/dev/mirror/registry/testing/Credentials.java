package dev.mirror.registry.testing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A user name and password, or none for anonymous access. */
public record Credentials(String user, String password) {
  private static final Credentials ANONYMOUS = new Credentials(null, null);

  public static Credentials anonymous() {
    return ANONYMOUS;
  }

  public static Credentials basic(String user, String password) {
    return new Credentials(user, password);
  }

  public boolean isAnonymous() {
    return user == null;
  }

  /** The value of an {@code Authorization: Basic} header. */
  public String basicHeader() {
    if (isAnonymous()) {
      throw new IllegalStateException("anonymous credentials have no Basic header");
    }
    return "Basic " + Base64.getEncoder()
        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return isAnonymous() ? "anonymous" : user + ":***";
  }
}
