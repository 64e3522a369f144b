#!/usr/bin/env python3
"""The CPython floor for listing a repository: walk the tree and exec every BUILD file against
stub target functions, the least work Pants itself does to list a repository (no validation,
no defaults, no generators, no sorting of addresses).

    python3 bench/python_floor.py TREE

Prints the number of BUILD files and of target calls; bench/build-tree.sh times it.
"""
import os
import sys
from pathlib import PurePath

calls = 0


def stub(*args, **kwargs):
    global calls
    calls += 1


class Namespace(dict):
    """Globals where every unknown name is a stub target function, as Pants' registry is."""

    def __missing__(self, name):
        if name in __builtins__.__dict__ if hasattr(__builtins__, "__dict__") else name in __builtins__:
            raise KeyError(name)
        return stub


def main(root):
    prelude = {}
    support = os.path.join(root, "build-support")
    if os.path.isdir(support):
        for name in sorted(os.listdir(support)):
            if name.endswith(".py"):
                ns = Namespace(env=lambda n, d=None: os.environ.get(n, d),
                               build_file_dir=lambda: PurePath("."), parametrize=stub,
                               __defaults__=stub)
                with open(os.path.join(support, name)) as f:
                    exec(compile(f.read(), name, "exec"), ns)
                prelude.update({k: v for k, v in ns.items() if not k.startswith("_")})
    files = 0
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d != "dist")
        rel = os.path.relpath(dirpath, root)
        for name in sorted(filenames):
            if name == "BUILD" or name.startswith("BUILD."):
                ns = Namespace(prelude)
                ns.update(env=lambda n, d=None: os.environ.get(n, d),
                          build_file_dir=lambda r=rel: PurePath(r), parametrize=stub,
                          __defaults__=stub)
                with open(os.path.join(dirpath, name)) as f:
                    exec(compile(f.read(), os.path.join(rel, name), "exec"), ns)
                files += 1
    print(f"{files} BUILD files, {calls} target calls")


if __name__ == "__main__":
    main(sys.argv[1])
