package dev.mirror.registry;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A {@code WWW-Authenticate} challenge: its scheme ({@code basic} or {@code bearer}, lower case)
 * and parameters ({@code realm}, {@code service}, {@code scope}, {@code error}).
 */
record AuthChallenge(String scheme, Map<String, String> params) {
  AuthChallenge {
    params = Map.copyOf(params);
  }

  boolean isBearer() {
    return scheme.equals("bearer");
  }

  boolean isBasic() {
    return scheme.equals("basic");
  }

  String param(String name) {
    return params.get(name);
  }

  /** Parses a challenge; returns null for a missing or unreadable header. */
  static AuthChallenge parse(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String text = header.strip();
    int space = text.indexOf(' ');
    String scheme = (space < 0 ? text : text.substring(0, space)).toLowerCase(Locale.ROOT);
    Map<String, String> params = new LinkedHashMap<>();
    int i = space < 0 ? text.length() : space + 1;
    while (i < text.length()) {
      int eq = text.indexOf('=', i);
      if (eq < 0) {
        break;
      }
      String key = text.substring(i, eq).strip().toLowerCase(Locale.ROOT);
      int j = eq + 1;
      StringBuilder value = new StringBuilder();
      if (j < text.length() && text.charAt(j) == '"') {
        j++;
        while (j < text.length() && text.charAt(j) != '"') {
          char c = text.charAt(j++);
          if (c == '\\' && j < text.length()) {
            c = text.charAt(j++);
          }
          value.append(c);
        }
        j++; // the closing quote
      } else {
        while (j < text.length() && text.charAt(j) != ',') {
          value.append(text.charAt(j++));
        }
      }
      params.put(key, value.toString().strip());
      while (j < text.length() && (text.charAt(j) == ',' || text.charAt(j) == ' ')) {
        j++;
      }
      i = j;
    }
    return new AuthChallenge(scheme, params);
  }
}
