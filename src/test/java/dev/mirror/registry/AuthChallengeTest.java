package dev.mirror.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AuthChallengeTest {
  @Test
  void bearerWithQuotedCommas() {
    AuthChallenge c = AuthChallenge.parse("Bearer realm=\"https://auth.docker.io/token\","
        + "service=\"registry.docker.io\",scope=\"repository:library/python:pull,push\","
        + "error=\"insufficient_scope\"");
    assertTrue(c.isBearer());
    assertEquals("https://auth.docker.io/token", c.param("realm"));
    assertEquals("registry.docker.io", c.param("service"));
    assertEquals("repository:library/python:pull,push", c.param("scope"));
    assertEquals("insufficient_scope", c.param("error"));
  }

  @Test
  void basicSchemeIsCaseInsensitiveAndUnquotedValuesWork() {
    AuthChallenge c = AuthChallenge.parse("BASIC realm=registry, charset=UTF-8");
    assertTrue(c.isBasic());
    assertEquals("registry", c.param("realm"));
    assertEquals("UTF-8", c.param("charset"));
  }

  @Test
  void missingHeaderIsNull() {
    assertNull(AuthChallenge.parse(null));
    assertNull(AuthChallenge.parse("  "));
  }
}
