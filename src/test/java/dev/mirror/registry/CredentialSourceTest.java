package dev.mirror.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.tools.jib.api.Credential;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading docker config.json as the docker CLI does, without ever quoting it. */
class CredentialSourceTest {
  private static final String SECRET = "canary-secret-7f3a";
  private static final String AUTH = base64("alice:" + SECRET);

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static Path config(Path dir, String json) throws IOException {
    return Files.writeString(dir.resolve("config.json"), json);
  }

  @Test
  void aTypoNextToASecretSaysWhereWithoutQuotingIt(@TempDir Path dir) throws IOException {
    Path file = config(dir, "{\n  \"auths\": {\n    \"r.example\": {\"auth\": " + AUTH + "}\n  }\n}\n");
    RegistryException e = assertThrows(RegistryException.class,
        () -> new CredentialSource(file, Map.of()).lookup("r.example"));
    assertEquals(file + ": not valid JSON at line 3, column 60 (its content is not shown: it"
        + " holds credentials)", e.getMessage());
    for (Throwable t = e; t != null; t = t.getCause()) {
      assertFalse(String.valueOf(t.getMessage()).contains(AUTH.substring(0, 8)), t.toString());
    }
  }

  @Test
  void wrongTypesAndBadBase64AreNamedNotQuoted(@TempDir Path dir) throws IOException {
    Path notBase64 = config(dir, "{\"auths\": {\"r.example\": {\"auth\": \"" + SECRET + "!\"}}}");
    RegistryException e = assertThrows(RegistryException.class,
        () -> new CredentialSource(notBase64, Map.of()).lookup("r.example"));
    assertEquals(notBase64 + ": auths entry \"r.example\": \"auth\" is not base64",
        e.getMessage());
    Path number = config(dir, "{\"auths\": {\"r.example\": {\"auth\": 12345}}}");
    e = assertThrows(RegistryException.class,
        () -> new CredentialSource(number, Map.of()).lookup("r.example"));
    assertEquals(number + ": auths entry \"r.example\": \"auth\" is not a string",
        e.getMessage());
  }

  @Test
  void authsEntriesByHostOrUrlAndDockerHubsAliases(@TempDir Path dir) throws IOException {
    Path file = config(dir, "{\"auths\": {"
        + "\"https://r.example:5000/v1/\": {\"auth\": \"" + AUTH + "\"},"
        + "\"https://index.docker.io/v1/\": {\"auth\": \"" + base64("hub:pw") + "\"},"
        + "\"t.example\": {\"identitytoken\": \"refresh\"},"
        + "\"u.example\": {\"username\": \"bob\", \"password\": \"pw2\"}}}");
    CredentialSource source = new CredentialSource(file, Map.of());
    assertEquals(Optional.of(Credential.from("alice", SECRET)), source.lookup("r.example:5000"));
    assertEquals(Optional.of(Credential.from("hub", "pw")), source.lookup("registry-1.docker.io"));
    assertTrue(source.lookup("t.example").orElseThrow().isOAuth2RefreshToken());
    assertEquals(Optional.of(Credential.from("bob", "pw2")), source.lookup("u.example"));
    assertEquals(Optional.empty(), source.lookup("r.example"));
  }

  @Test
  void homeComesFromTheEnvironment() {
    assertEquals(Path.of("/home/ci/.docker/config.json"),
        CredentialSource.locate(null, Map.of("HOME", "/home/ci")));
    assertEquals(Path.of("/cfg/config.json"),
        CredentialSource.locate(null, Map.of("HOME", "/home/ci", "DOCKER_CONFIG", "/cfg")));
    assertEquals(Path.of(System.getProperty("user.home"), ".docker", "config.json"),
        CredentialSource.locate(null, Map.of()));
  }

  /** A helper script in its own directory, found only through the PATH given. */
  private static Path helper(Path dir, String name, String script) throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin-" + name));
    Path file = bin.resolve("docker-credential-" + name);
    Files.writeString(file, "#!/bin/sh\n" + script);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    return bin;
  }

  @Test
  void helpersRunFromTheCallersPathWithTheCallersEnvironment(@TempDir Path dir)
      throws IOException {
    Path bin = helper(dir, "envtest", """
        read server
        [ "$1" = get ] || exit 3
        printf '{"ServerURL":"%s","Username":"%s","Secret":"%s"}' "$server" "$HELPER_USER" "$HELPER_SECRET"
        """);
    Path file = config(dir, "{\"credHelpers\": {\"r.example\": \"envtest\"}}");
    CredentialSource source = new CredentialSource(file, Map.of("PATH", bin + ":/usr/bin:/bin",
        "HELPER_USER", "carol", "HELPER_SECRET", SECRET));
    assertEquals(Optional.of(Credential.from("carol", SECRET)), source.lookup("r.example"));
  }

  @Test
  void aStoreWithNothingFallsBackToAuthsAndAHelpersFailureShowsItsStderrOnly(@TempDir Path dir)
      throws IOException {
    Path bin = helper(dir, "empty", "echo 'credentials not found in native keychain'; exit 1\n");
    helper(dir, "broken", "");
    Path broken = dir.resolve("bin-broken/docker-credential-broken");
    Files.writeString(broken, "#!/bin/sh\necho '{\"Secret\":\"" + SECRET + "\"}'\n"
        + "echo 'not logged in: run login first' >&2\nexit 1\n");
    Path file = config(dir, "{\"credsStore\": \"empty\", \"credHelpers\": {\"b.example\":"
        + " \"broken\"}, \"auths\": {\"r.example\": {\"auth\": \"" + AUTH + "\"}}}");
    CredentialSource source = new CredentialSource(file,
        Map.of("PATH", bin + ":" + broken.getParent() + ":/usr/bin:/bin"));
    assertEquals(Optional.of(Credential.from("alice", SECRET)), source.lookup("r.example"));
    RegistryException e = assertThrows(RegistryException.class, () -> source.lookup("b.example"));
    assertEquals("credential helper docker-credential-broken failed (exit 1): not logged in:"
        + " run login first", e.getMessage());
  }

  @Test
  void aHelperMissingFromPathOrNamedAsAPathIsAnError(@TempDir Path dir) throws IOException {
    Path file = config(dir, "{\"credHelpers\": {\"a.example\": \"nowhere\", \"b.example\":"
        + " \"../../tmp/x\"}}");
    CredentialSource source = new CredentialSource(file, Map.of("PATH", dir.toString()));
    assertEquals("credential helper docker-credential-nowhere is not on PATH (named in " + file
        + ")", assertThrows(RegistryException.class, () -> source.lookup("a.example"))
        .getMessage());
    assertEquals(file + ": the credential helper name \"../../tmp/x\" is not a plain name",
        assertThrows(RegistryException.class, () -> source.lookup("b.example")).getMessage());
  }
}
