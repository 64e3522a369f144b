package dev.mirror.mirror;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;

/** docker config.json files for tests, as {@code docker login} writes them. */
final class DockerConfigs {
  private DockerConfigs() {}

  /** A config with {@code auths} entries: registry host to "user:password". */
  static Path write(Path dir, Map<String, String> logins) {
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
