package dev.mirror.options;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** One change to a list option, as Pants' options system applies them: replace, add or remove. */
record ListEdit(Action action, List<String> items) {

  enum Action { REPLACE, ADD, REMOVE }

  ListEdit {
    items = List.copyOf(items);
  }

  static ListEdit replace(List<String> items) {
    return new ListEdit(Action.REPLACE, items);
  }

  static ListEdit add(List<String> items) {
    return new ListEdit(Action.ADD, items);
  }

  static ListEdit remove(List<String> items) {
    return new ListEdit(Action.REMOVE, items);
  }

  /** The list after this edit. */
  List<String> applyTo(List<String> list) {
    switch (action) {
      case REPLACE:
        return items;
      case ADD: {
        List<String> result = new ArrayList<>(list);
        result.addAll(items);
        return result;
      }
      default: {
        Set<String> gone = new HashSet<>(items);
        return list.stream().filter(item -> !gone.contains(item)).toList();
      }
    }
  }
}
