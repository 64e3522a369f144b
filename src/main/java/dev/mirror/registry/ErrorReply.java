package dev.mirror.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A registry's error reply in a line: the status and the distribution spec's error codes and
 * messages ({@code 404 MANIFEST_UNKNOWN: manifest unknown}), or the start of a body that is not
 * such JSON.
 */
final class ErrorReply {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ErrorReply() {}

  static String describe(int status, byte[] body) {
    List<String> errors = new ArrayList<>();
    try {
      JsonNode json = JSON.readTree(body);
      JsonNode list = json == null ? null : json.get("errors");
      if (list != null) {
        for (JsonNode error : list) {
          String code = error.path("code").asText("");
          String message = error.path("message").asText("");
          errors.add(code.isEmpty() ? message : message.isEmpty() ? code : code + ": " + message);
        }
      } else if (json != null && json.has("details")) {
        errors.add(json.get("details").asText());
      }
    } catch (IOException | RuntimeException notJson) {
      // Fall through to the raw text.
    }
    if (errors.isEmpty()) {
      String text = new String(body, StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
      if (text.length() > 200) {
        text = text.substring(0, 200) + "...";
      }
      return text.isEmpty() ? Integer.toString(status) : status + " " + text;
    }
    return status + " " + String.join("; ", errors);
  }
}
