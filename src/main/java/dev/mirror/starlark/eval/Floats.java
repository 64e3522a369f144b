package dev.mirror.starlark.eval;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Float printing: {@code repr} as the spec prints floats; {@code %f}, {@code %e}, {@code %g} with a
 * precision round the exact binary value half to even, as Python does ({@code '%.0f' % 0.5 == '0'}).
 */
final class Floats {
  private Floats() {}

  /**
   * Starlark's {@code str} and {@code repr} of a float: the shortest digits that read back as the
   * same value, in exponent form when the exponent is below -4 or at least 6 (as Go's {@code %g}
   * of the shortest digits), and always with a decimal point or an exponent.
   */
  static String repr(double d) {
    if (Double.isNaN(d)) {
      return "nan";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "+inf" : "-inf";
    }
    if (d == 0) {
      return (1 / d < 0) ? "-0.0" : "0.0";
    }
    // Shortest digits that round-trip: try increasing precision.
    String digits = null;
    int exponent = 0;
    for (int p = 1; p <= 17; p++) {
      BigDecimal rounded = new BigDecimal(d).round(new MathContext(p, RoundingMode.HALF_EVEN));
      if (rounded.doubleValue() == d) {
        BigDecimal stripped = rounded.stripTrailingZeros();
        digits = stripped.unscaledValue().abs().toString();
        exponent = digits.length() - 1 - stripped.scale();
        break;
      }
    }
    StringBuilder sb = new StringBuilder();
    if (d < 0) {
      sb.append('-');
    }
    if (exponent >= -4 && exponent < 6) {
      if (exponent < 0) {
        sb.append("0.");
        sb.append("0".repeat(-exponent - 1));
        sb.append(digits);
      } else if (digits.length() <= exponent + 1) {
        sb.append(digits).append("0".repeat(exponent + 1 - digits.length())).append(".0");
      } else {
        sb.append(digits, 0, exponent + 1).append('.').append(digits, exponent + 1, digits.length());
      }
    } else {
      appendExponentForm(sb, digits, exponent);
    }
    return sb.toString();
  }

  private static void appendExponentForm(StringBuilder sb, String digits, int exponent) {
    sb.append(digits.charAt(0));
    if (digits.length() > 1) {
      sb.append('.').append(digits, 1, digits.length());
    }
    sb.append('e').append(exponent < 0 ? '-' : '+');
    int abs = Math.abs(exponent);
    if (abs < 10) {
      sb.append('0');
    }
    sb.append(abs);
  }

  private static String special(double d) {
    if (Double.isNaN(d)) {
      return "nan";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "inf" : "-inf";
    }
    return null;
  }

  /** {@code %.Nf}. */
  static String formatF(double d, int precision) {
    String s = special(d);
    if (s != null) {
      return s;
    }
    String out = new BigDecimal(d).setScale(precision, RoundingMode.HALF_EVEN).toPlainString();
    if ((d < 0 || (d == 0 && 1 / d < 0)) && !out.startsWith("-")) {
      out = "-" + out;
    }
    return out;
  }

  /** {@code %.Ne}. */
  static String formatE(double d, int precision) {
    String s = special(d);
    if (s != null) {
      return s;
    }
    StringBuilder sb = new StringBuilder();
    if (d < 0 || (d == 0 && 1 / d < 0)) {
      sb.append('-');
    }
    double a = Math.abs(d);
    String digits;
    int exponent;
    if (a == 0) {
      digits = "0".repeat(precision + 1);
      exponent = 0;
    } else {
      BigDecimal r = new BigDecimal(a).round(new MathContext(precision + 1, RoundingMode.HALF_EVEN));
      digits = r.unscaledValue().toString();
      exponent = digits.length() - 1 - r.scale();
      if (digits.length() < precision + 1) {
        digits = digits + "0".repeat(precision + 1 - digits.length());
      } else if (digits.length() > precision + 1) {
        digits = digits.substring(0, precision + 1);
      }
    }
    sb.append(digits.charAt(0));
    if (precision > 0) {
      sb.append('.').append(digits, 1, digits.length());
    }
    sb.append('e').append(exponent < 0 ? '-' : '+');
    int abs = Math.abs(exponent);
    if (abs < 10) {
      sb.append('0');
    }
    sb.append(abs);
    return sb.toString();
  }

  /** {@code %.Ng}: fixed or exponent form by magnitude, trailing zeros removed unless alternate. */
  static String formatG(double d, int precision, boolean alternate) {
    String s = special(d);
    if (s != null) {
      return s;
    }
    int p = precision == 0 ? 1 : precision;
    int exponent;
    if (d == 0) {
      exponent = 0;
    } else {
      BigDecimal r = new BigDecimal(Math.abs(d)).round(new MathContext(p, RoundingMode.HALF_EVEN));
      exponent = r.precision() - 1 - r.scale();
    }
    String out;
    if (exponent >= -4 && exponent < p) {
      out = formatF(d, p - 1 - exponent);
      if (!alternate) {
        out = stripZeros(out);
      }
    } else {
      out = formatE(d, p - 1);
      if (!alternate) {
        int e = out.indexOf('e');
        out = stripZeros(out.substring(0, e)) + out.substring(e);
      }
    }
    return out;
  }

  private static String stripZeros(String s) {
    if (s.indexOf('.') < 0) {
      return s;
    }
    int end = s.length();
    while (s.charAt(end - 1) == '0') {
      end--;
    }
    if (s.charAt(end - 1) == '.') {
      end--;
    }
    return s.substring(0, end);
  }
}
