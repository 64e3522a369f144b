package dev.mirror.registry;

import java.util.List;

/** Token scopes, as the distribution token spec spells them. */
final class Scopes {
  private Scopes() {}

  static List<String> pull(String repository) {
    return List.of("repository:" + repository + ":pull");
  }

  static List<String> push(String repository) {
    return List.of("repository:" + repository + ":pull,push");
  }

  /** Pushing to {@code repository} with a blob mounted from {@code from}. */
  static List<String> mount(String repository, String from) {
    return List.of("repository:" + repository + ":pull,push", "repository:" + from + ":pull");
  }
}
