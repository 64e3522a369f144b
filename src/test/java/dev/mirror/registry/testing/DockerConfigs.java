package dev.mirror.registry.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * docker config.json files for tests, as {@code docker login} writes them. Every secret written
 * is remembered, so that a test can check no result ever shows one (the canary).
 */
public final class DockerConfigs {
  private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();

  private DockerConfigs() {}

  /** The passwords and auth strings of every config written so far. */
  public static Set<String> secrets() {
    return Set.copyOf(SECRETS);
  }

  /** Remembers a secret written into a config some other way. */
  public static void remember(String secret) {
    SECRETS.add(secret);
  }

  /** A config with {@code auths} entries: registry host to "user:password". */
  public static Path write(Path dir, Map<String, String> logins) {
    logins.values().forEach(login -> {
      SECRETS.add(login.substring(login.indexOf(':') + 1));
      SECRETS.add(Base64.getEncoder().encodeToString(login.getBytes(StandardCharsets.UTF_8)));
    });
    String auths = logins.entrySet().stream()
        .map(e -> "\"" + e.getKey() + "\": {\"auth\": \"" + Base64.getEncoder().encodeToString(
            e.getValue().getBytes(StandardCharsets.UTF_8)) + "\"}")
        .collect(Collectors.joining(", "));
    Path file = dir.resolve("config.json");
    try {
      Files.writeString(file, "{\"auths\": {" + auths + "}}");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }
}
