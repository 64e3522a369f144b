package dev.mirror.starlark.syntax;

/**
 * One token: its kind, its character range and, for literals and identifiers, its value (String,
 * Long, BigInteger, Double, byte[], or for an f-string its {@link FStringBody}).
 */
record Token(TokenKind kind, int start, int end, Object value) {

  /** The undecoded text between the quotes of an f-string, with where it starts in the file. */
  record FStringBody(String text, int offset, boolean raw) {}
}
