package dev.mirror.starlark.syntax;

import java.util.List;

/**
 * What the resolver learns about a function (a def, lambda, class body or the top level of a
 * file): its parameters, how many local slots its frame needs, which of them are cells captured
 * by inner functions, and which of the enclosing function's variables it captures.
 */
public final class Function {
  private final String name;
  private final int offset;
  private final List<Parameter> parameters;
  private final List<Statement> body;
  private final boolean hasVarargs;
  private final boolean hasKwargs;
  private final int numKeywordOnly;
  private final List<String> parameterNames;
  private List<Binding> locals;
  private List<Binding> freeVars;
  private int[] cellIndices;

  Function(String name, int offset, List<Parameter> parameters, List<Statement> body) {
    this.name = name;
    this.offset = offset;
    this.parameters = NodeList.copyOf(parameters);
    this.body = NodeList.copyOf(body);
    boolean varargs = false, kwargs = false, afterStar = false;
    int kwonly = 0;
    java.util.ArrayList<String> names = new java.util.ArrayList<>();
    for (Parameter p : parameters) {
      switch (p.kind()) {
        case STAR -> {
          afterStar = true;
          if (p.identifier() != null) {
            varargs = true;
          }
        }
        case STAR_STAR -> kwargs = true;
        default -> {
          if (afterStar) {
            kwonly++;
          }
        }
      }
    }
    // Frame layout: ordinary params, keyword-only params, *args, **kwargs.
    for (Parameter p : parameters) {
      if ((p.kind() == Parameter.Kind.MANDATORY || p.kind() == Parameter.Kind.OPTIONAL)) {
        names.add(p.name());
      }
    }
    this.hasVarargs = varargs;
    this.hasKwargs = kwargs;
    this.numKeywordOnly = kwonly;
    this.parameterNames = NodeList.copyOf(names);
  }

  public String name() {
    return name;
  }

  public int offset() {
    return offset;
  }

  public List<Parameter> parameters() {
    return parameters;
  }

  public List<Statement> body() {
    return body;
  }

  public boolean hasVarargs() {
    return hasVarargs;
  }

  public boolean hasKwargs() {
    return hasKwargs;
  }

  /** Ordinary then keyword-only parameter names; they occupy the first frame slots. */
  public List<String> parameterNames() {
    return parameterNames;
  }

  public int numKeywordOnly() {
    return numKeywordOnly;
  }

  /** Number of parameters that may be given by position. */
  public int numPositional() {
    return parameterNames.size() - numKeywordOnly;
  }

  public List<Binding> locals() {
    return locals;
  }

  public List<Binding> freeVars() {
    return freeVars;
  }

  /** Indices of the locals that are cells (captured by an inner function). */
  public int[] cellIndices() {
    return cellIndices;
  }

  void setScope(List<Binding> locals, List<Binding> freeVars, int[] cellIndices) {
    this.locals = NodeList.copyOf(locals);
    this.freeVars = NodeList.copyOf(freeVars);
    this.cellIndices = cellIndices;
  }
}
