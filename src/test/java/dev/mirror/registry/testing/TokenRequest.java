package dev.mirror.registry.testing;

import java.util.List;

/**
 * One request the {@link TokenServer} answered, for assertions.
 *
 * @param method GET or POST
 * @param grantType {@code null} for the GET flow, else the OAuth2 grant ({@code password},
 *     {@code refresh_token})
 * @param user the authenticated user, {@code null} when anonymous or refused
 * @param scopes the scopes asked for, as sent
 * @param status the HTTP status answered
 */
public record TokenRequest(String method, String grantType, String user, List<String> scopes,
    int status) {
  public TokenRequest {
    scopes = List.copyOf(scopes);
  }
}
