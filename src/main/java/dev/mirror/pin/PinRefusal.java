package dev.mirror.pin;

/**
 * A request the editor will not apply, and why, as {@code path:line:col: cannot pin: reason}
 * where the position is that of what stops it (the expression that computes the value, the call
 * a macro makes the target from, ...).
 */
public record PinRefusal(PinRequest request, String message) {}
