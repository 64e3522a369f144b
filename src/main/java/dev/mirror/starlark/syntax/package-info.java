/**
 * The syntax half of mirror's Starlark: text to a resolved program, with no knowledge of values.
 *
 * <p>The flow is {@link dev.mirror.starlark.syntax.Lexer} (tokens with INDENT/OUTDENT), {@link
 * dev.mirror.starlark.syntax.Parser} (an immutable tree whose nodes keep character offsets),
 * then {@link dev.mirror.starlark.syntax.Resolver} (every identifier gets a {@link
 * dev.mirror.starlark.syntax.Binding}: a scope and a slot). {@link
 * dev.mirror.starlark.syntax.Program#compile} runs all three and throws every static error of the
 * file at once; the lexer and parser record errors and go on (the parser skips to the next
 * statement after one), so a user sees all the mistakes of a BUILD file in one run.
 *
 * <p>Positions are offsets; {@link dev.mirror.starlark.syntax.FileLocations} turns one into a
 * line and column only when a message needs it. The language variant is a value, {@link
 * dev.mirror.starlark.syntax.Dialect}, passed to each phase, never a global flag.
 *
 * <p>Nesting is bounded ({@code Parser.MAX_NESTING} brackets and blocks, {@code
 * Parser.MAX_DEPTH} for the height of an expression tree), so no input can overflow the Java
 * stack of the parser, the resolver or the evaluator.
 *
 * <p>This package imports nothing from {@code dev.mirror.starlark.eval} or the rest of mirror.
 */
package dev.mirror.starlark.syntax;
