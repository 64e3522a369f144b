package dev.mirror.registry.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who the {@link TokenServer} knows (user names and passwords) and which actions on which
 * repositories each may be granted. A token carries the intersection of what the scope asks for
 * and what the policy allows, so a client asking for too little fails as it would on a real
 * registry. {@code null} as user means anonymous.
 */
public final class AccessPolicy {
  /** {@code *} in a rule grants every action asked for, as {@code delete} or {@code *} itself. */
  public static final String ALL_ACTIONS = "*";

  private final Map<String, String> passwords = new LinkedHashMap<>();
  private final List<Rule> rules = new ArrayList<>();

  private record Rule(String user, Pattern repository, Set<String> actions) {}

  /** Registers a user who may authenticate with this password. */
  public synchronized AccessPolicy user(String user, String password) {
    passwords.put(user, password);
    return this;
  }

  /** Lets {@code user} (null: anonymous) do {@code actions} on repositories matching the regex. */
  public synchronized AccessPolicy allow(String user, String repositoryRegex, String... actions) {
    rules.add(new Rule(user, Pattern.compile(repositoryRegex), Set.of(actions)));
    return this;
  }

  /** The user whose password matches, or empty for an unknown user or a wrong password. */
  synchronized Optional<String> authenticate(String user, String password) {
    return password != null && password.equals(passwords.get(user))
        ? Optional.of(user) : Optional.empty();
  }

  /** The actions of {@code requested} that {@code user} may have; only repository scopes count. */
  synchronized Set<String> grant(String user, Scope requested) {
    Set<String> granted = new LinkedHashSet<>();
    if (!requested.type().equals("repository")) {
      return granted;
    }
    for (Rule rule : rules) {
      boolean sameUser = rule.user() == null ? user == null : rule.user().equals(user);
      if (sameUser && rule.repository().matcher(requested.name()).matches()) {
        for (String action : requested.actions()) {
          if (rule.actions().contains(action) || rule.actions().contains(ALL_ACTIONS)) {
            granted.add(action);
          }
        }
      }
    }
    return granted;
  }
}
