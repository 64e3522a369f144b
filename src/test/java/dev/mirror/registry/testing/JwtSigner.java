package dev.mirror.registry.testing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Makes the RS256 JWTs that Distribution's token auth accepts. The header's {@code x5c} carries
 * the signing certificate; Distribution 2.8 verifies that chain against {@code rootcertbundle}, so
 * putting the same self-signed certificate in both is enough and no {@code kid} is needed.
 */
final class JwtSigner {
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private final TestCertificate certificate;
  private final String issuer;

  JwtSigner(TestCertificate certificate, String issuer) {
    this.certificate = certificate;
    this.issuer = issuer;
  }

  /** A token for {@code subject} (empty for anonymous) with the given access entries. */
  String sign(String subject, String audience, Instant notBefore, Instant expiry,
      List<Scope> access) {
    byte[] header = Json.write(json -> {
      json.writeStartObject();
      json.writeStringField("typ", "JWT");
      json.writeStringField("alg", "RS256");
      json.writeArrayFieldStart("x5c");
      json.writeString(certificate.derBase64());
      json.writeEndArray();
      json.writeEndObject();
    });
    byte[] claims = Json.write(json -> {
      json.writeStartObject();
      json.writeStringField("iss", issuer);
      json.writeStringField("sub", subject);
      // A plain string: Distribution 2.8's claim set declares aud as a single string.
      json.writeStringField("aud", audience);
      json.writeNumberField("exp", expiry.getEpochSecond());
      json.writeNumberField("nbf", notBefore.getEpochSecond());
      json.writeNumberField("iat", notBefore.getEpochSecond());
      json.writeStringField("jti", UUID.randomUUID().toString());
      json.writeArrayFieldStart("access");
      for (Scope scope : access) {
        json.writeStartObject();
        json.writeStringField("type", scope.type());
        json.writeStringField("name", scope.name());
        json.writeArrayFieldStart("actions");
        for (String action : scope.actions().stream().sorted().toList()) {
          json.writeString(action);
        }
        json.writeEndArray();
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    });
    String signingInput = BASE64URL.encodeToString(header) + "." + BASE64URL.encodeToString(claims);
    try {
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initSign(certificate.privateKey());
      rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + BASE64URL.encodeToString(rsa.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign a token", e);
    }
  }
}
