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

  /**
   * The registry's words as one line of at most {@code limit} characters, without control
   * characters: a hostile reply must not rewrite the terminal it is shown on, nor flood it.
   */
  private static String printable(String text, int limit) {
    String line = text.strip().replaceAll("\\s+", " ").replaceAll("\\p{Cntrl}", "?");
    return line.length() > limit ? line.substring(0, limit) + "..." : line;
  }

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
      String text = printable(new String(body, StandardCharsets.UTF_8), 200);
      return text.isEmpty() ? Integer.toString(status) : status + " " + text;
    }
    return status + " " + printable(String.join("; ", errors), 500);
  }
}
