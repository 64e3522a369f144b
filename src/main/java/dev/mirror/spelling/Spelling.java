package dev.mirror.spelling;

import java.util.Collection;

/** "Did you mean" suggestions: the closest candidate by edit distance, when close enough. */
public final class Spelling {
  private Spelling() {}

  /**
   * Returns the candidate nearest to {@code name}, or null when none is within a third of the
   * name's length (at least 1, at most {@code 2} edits for short names).
   */
  public static String closest(String name, Collection<String> candidates) {
    int limit = Math.max(1, Math.min(name.length() / 3 + 1, 3));
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      if (candidate.equals(name) || candidate.startsWith("_") != name.startsWith("_")) {
        continue;
      }
      int d = distance(name, candidate);
      if (d <= limit && (d < bestDistance || (d == bestDistance && candidate.compareTo(best) < 0))) {
        best = candidate;
        bestDistance = d;
      }
    }
    return best;
  }

  /** Optimal string alignment distance: insertions, deletions, substitutions, transpositions. */
  public static int distance(String a, String b) {
    int n = a.length(), m = b.length();
    int[][] d = new int[n + 1][m + 1];
    for (int i = 0; i <= n; i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= m; j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= n; i++) {
      for (int j = 1; j <= m; j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[n][m];
  }
}
