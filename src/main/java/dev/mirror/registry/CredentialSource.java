package dev.mirror.registry;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.google.cloud.tools.jib.api.Credential;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Registry credentials from a docker {@code config.json}, looked up as the docker CLI does: the
 * registry's {@code credHelpers} entry, else {@code credsStore}, and the {@code auths} entry when
 * the helper has nothing ({@code auth}, {@code username}/{@code password} or an
 * {@code identitytoken}). Helpers run through {@link CredentialHelper}, with the environment of
 * the user who asked (the daemon's client). Each registry is looked up once per run.
 *
 * <p>No message quotes the file's content: a typo next to a secret would print the secret.
 */
final class CredentialSource {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Docker Hub's names in config files; {@code docker login} writes the first. */
  private static final String HUB_KEY = "https://index.docker.io/v1/";
  private static final Set<String> HUB = Set.of("registry-1.docker.io", "index.docker.io",
      "docker.io", "registry.hub.docker.com");
  private static final long MAX_CONFIG_BYTES = 4 * 1024 * 1024;

  private final Path configFile;
  private final Map<String, String> env;
  private final Map<String, Optional<Credential>> cache = new ConcurrentHashMap<>();
  private volatile JsonNode config;

  CredentialSource(Path configFile, Map<String, String> env) {
    this.configFile = configFile;
    this.env = Map.copyOf(env);
  }

  /**
   * The config file to read: {@code --docker-config} (a file or its directory), else
   * {@code $DOCKER_CONFIG/config.json}, else {@code $HOME/.docker/config.json} (the JVM's idea
   * of home only when HOME is unset: in CI containers the two differ).
   */
  static Path locate(Path option, Map<String, String> env) {
    if (option != null) {
      return Files.isDirectory(option) ? option.resolve("config.json") : option;
    }
    String dir = env.get("DOCKER_CONFIG");
    if (dir != null && !dir.isEmpty()) {
      return Path.of(dir, "config.json");
    }
    String home = env.get("HOME");
    if (home == null || home.isEmpty()) {
      home = System.getProperty("user.home");
    }
    return Path.of(home, ".docker", "config.json");
  }

  Path configFile() {
    return configFile;
  }

  /** The credential for a registry host, if the config names one. */
  Optional<Credential> lookup(String registry) throws RegistryException {
    Optional<Credential> known = cache.get(registry);
    if (known != null) {
      return known;
    }
    Optional<Credential> found = find(registry, config());
    cache.put(registry, found);
    return found;
  }

  private Optional<Credential> find(String registry, JsonNode root) throws RegistryException {
    String helper = entry(root.path("credHelpers"), registry)
        .map(e -> e.getValue().asText(""))
        .filter(name -> !name.isEmpty())
        .orElse(root.path("credsStore").asText(""));
    if (!helper.isEmpty()) {
      Optional<Credential> fromHelper = new CredentialHelper(helper, configFile, env)
          .get(HUB.contains(registry) ? HUB_KEY : registry);
      if (fromHelper.isPresent()) {
        return fromHelper;
      }
    }
    Optional<Map.Entry<String, JsonNode>> auth = entry(root.path("auths"), registry);
    return auth.isEmpty() ? Optional.empty() : fromAuthEntry(auth.get());
  }

  /** An {@code auths} entry: an identity token, {@code auth} (base64 of user:password) or both fields. */
  private Optional<Credential> fromAuthEntry(Map.Entry<String, JsonNode> entry)
      throws RegistryException {
    JsonNode value = entry.getValue();
    String where = "auths entry \"" + printable(entry.getKey()) + "\"";
    String token = text(value, "identitytoken", where);
    if (!token.isEmpty()) {
      return Optional.of(Credential.from(Credential.OAUTH2_TOKEN_USER_NAME, token));
    }
    String auth = text(value, "auth", where);
    if (!auth.isEmpty()) {
      String pair;
      try {
        pair = new String(Base64.getDecoder().decode(auth.strip()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw invalid(where + ": \"auth\" is not base64");
      }
      int colon = pair.indexOf(':');
      if (colon < 0) {
        throw invalid(where + ": \"auth\" does not decode to user:password");
      }
      return Optional.of(Credential.from(pair.substring(0, colon), pair.substring(colon + 1)));
    }
    String user = text(value, "username", where);
    String password = text(value, "password", where);
    return user.isEmpty() && password.isEmpty() ? Optional.empty()
        : Optional.of(Credential.from(user, password));
  }

  /** The entry naming the registry: its exact key, else a key that is a URL of it. */
  private static Optional<Map.Entry<String, JsonNode>> entry(JsonNode map, String registry) {
    Set<String> names = HUB.contains(registry) ? HUB : Set.of(registry);
    Map.Entry<String, JsonNode> byHost = null;
    for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equals(registry)) {
        return Optional.of(e);
      }
      if (byHost == null && names.contains(hostOf(e.getKey()))) {
        byHost = e;
      }
    }
    return Optional.ofNullable(byHost);
  }

  /** {@code https://host:port/v1/} and {@code host:port} both name {@code host:port}. */
  private static String hostOf(String key) {
    String host = key.replaceFirst("^[a-zA-Z]+://", "");
    int slash = host.indexOf('/');
    return slash < 0 ? host : host.substring(0, slash);
  }

  private String text(JsonNode entry, String field, String where) throws RegistryException {
    JsonNode value = entry.path(field);
    if (value.isMissingNode() || value.isNull()) {
      return "";
    }
    if (!value.isTextual()) {
      throw invalid(where + ": \"" + field + "\" is not a string");
    }
    return value.asText();
  }

  /** The parsed config, read once; an absent file is an empty config. */
  private JsonNode config() throws RegistryException {
    JsonNode parsed = config;
    if (parsed != null) {
      return parsed;
    }
    synchronized (this) {
      if (config == null) {
        config = read();
      }
      return config;
    }
  }

  private JsonNode read() throws RegistryException {
    if (!Files.exists(configFile)) {
      return MissingNode.getInstance();
    }
    try {
      if (!Files.isRegularFile(configFile)) {
        throw invalid("not a regular file");
      }
      if (Files.size(configFile) > MAX_CONFIG_BYTES) {
        throw invalid("larger than 4 MiB");
      }
      JsonNode root = JSON.readTree(configFile.toFile());
      if (root == null || root.isMissingNode()) {
        return MissingNode.getInstance();
      }
      if (!root.isObject()) {
        throw invalid("not a JSON object");
      }
      return root;
    } catch (JsonProcessingException e) {
      // Jackson's own message quotes the text around the problem: a secret, often.
      JsonLocation at = e.getLocation();
      throw invalid("not valid JSON" + (at == null ? "" : " at line " + at.getLineNr()
          + ", column " + at.getColumnNr()) + " (its content is not shown: it holds credentials)");
    } catch (IOException e) {
      throw new RegistryException(RegistryException.Kind.CONFIGURATION, "cannot read credentials from "
          + configFile + ": " + e.getClass().getSimpleName());
    }
  }

  private RegistryException invalid(String what) {
    return new RegistryException(RegistryException.Kind.CONFIGURATION, configFile + ": " + what);
  }

  /** A config key as it may appear in a message: a host name, without control characters. */
  static String printable(String text) {
    return MessageText.printable(text, 100);
  }
}
