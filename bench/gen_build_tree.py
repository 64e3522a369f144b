#!/usr/bin/env python3
"""Generates a synthetic Pants repository for bench/build-tree.sh.

    bench/gen_build_tree.py OUT_DIR [N]        # N directories (default 10000), seed 1
    bench/gen_build_tree.py --seed 7 OUT_DIR 500

OUT_DIR gets a pants.toml (the mirror backend, a prelude glob), build-support/macros.py (the
prelude: two macros) and N directories nested 1-4 levels deep, each with a BUILD file mixing
oci_mirror_image, oci_mirror_images, other backends' targets (python_sources, python_tests,
docker_image, resources, ...), __defaults__, env(), parametrize, top-level for loops with
f-strings and calls to the prelude's macros. The output depends only on N and the seed. Every
sha is 64 lowercase hex, every tag matches [A-Za-z0-9_][A-Za-z0-9._-]{0,127} and every
repository is lowercase, so mirror should accept every file. OUT_DIR must be empty or absent.

Prints one line to stdout: directories, BUILD files, their lines and targets. OUT_DIR/.bench-tree
records the number of directories, the number of addresses `list ::` should print (declared
targets, the oci_mirror_image targets oci_mirror_images generates, and parametrize's copies) and
a directory 4 levels deep (one_dir), for bench/build-tree.sh.
"""

import argparse
import os
import hashlib
import random
import re
import sys

TOP = ["services", "libs", "platform", "infra", "tools", "data", "ml", "web", "images",
       "deploy", "apps", "shared"]

WORDS = [
    "auth", "billing", "search", "gateway", "payments", "api", "core", "common", "utils",
    "client", "server", "worker", "scheduler", "ingest", "metrics", "logging", "storage",
    "cache", "queue", "notifications", "users", "orders", "inventory", "reporting", "catalog",
    "checkout", "pricing", "shipping", "accounts", "identity", "sessions", "feeds", "ranking",
    "recommend", "analytics", "etl", "pipelines", "features", "training", "serving", "models",
    "frontend", "backend", "admin", "dashboard", "cli", "sdk", "proto", "schemas", "config",
    "secrets", "vault", "dns", "network", "ingress", "monitoring", "alerting", "tracing",
    "audit", "compliance", "fraud", "risk", "ledger", "invoices", "tax", "currency", "geo",
    "maps", "media", "images", "video", "thumbnails", "uploads", "exports", "imports", "sync",
    "webhooks", "events", "stream", "batch", "jobs", "cron", "migrations", "fixtures",
    "testing", "integration", "e2e", "perf", "load", "chaos", "docs", "examples", "templates",
    "base", "runtime", "tooling", "lint", "format", "codegen", "plugins", "extensions",
    "adapters", "connectors", "kafka", "postgres", "redis", "elastic", "grpc", "http", "rest",
    "graphql", "websocket", "mobile", "ios", "android", "desktop", "email", "sms", "push",
]

SUFFIXES = ["v2", "legacy", "next", "internal", "lib", "svc", "impl", "util"]

# (source repository, mirror name, tags to pick from)
IMAGES = [
    ("docker.io/library/python", "python", ["3.10-slim", "3.11-slim", "3.12-slim", "3.12",
                                            "3.13-alpine", "3.12.7-bookworm"]),
    ("docker.io/library/node", "node", ["18-slim", "20-slim", "22-slim", "20.18.0-alpine",
                                        "lts"]),
    ("docker.io/library/redis", "redis", ["7.2", "7.4-alpine", "6.2.16", "latest"]),
    ("docker.io/library/postgres", "postgres", ["15", "16.4", "16-alpine", "17.0"]),
    ("docker.io/library/nginx", "nginx", ["1.25", "1.27.2-alpine", "stable", "mainline"]),
    ("docker.io/library/golang", "golang", ["1.22", "1.23.2-bookworm", "1.23-alpine"]),
    ("docker.io/library/alpine", "alpine", ["3.19", "3.20", "3.20.3", "edge"]),
    ("docker.io/library/debian", "debian", ["bookworm-slim", "bullseye", "12.7"]),
    ("docker.io/library/ubuntu", "ubuntu", ["22.04", "24.04", "noble"]),
    ("docker.io/library/busybox", "busybox", ["1.36", "1.37.0-musl", "stable"]),
    ("docker.io/library/memcached", "memcached", ["1.6", "1.6.31-alpine"]),
    ("docker.io/library/rabbitmq", "rabbitmq", ["3.13-management", "4.0"]),
    ("docker.io/library/mysql", "mysql", ["8.0", "8.4.2", "9.0"]),
    ("docker.io/library/mongo", "mongo", ["7.0", "8.0.1"]),
    ("docker.io/library/httpd", "httpd", ["2.4", "2.4.62-alpine"]),
    ("docker.io/library/eclipse-temurin", "temurin", ["17-jre", "21-jdk", "21.0.4_7-jre"]),
    ("docker.io/library/traefik", "traefik", ["v3.1", "v2.11.10"]),
    ("quay.io/prometheus/prometheus", "prometheus", ["v2.54.1", "v2.55.0", "main"]),
    ("quay.io/prometheus/node-exporter", "node-exporter", ["v1.8.2"]),
    ("gcr.io/distroless/static-debian12", "distroless-static", ["nonroot", "latest", "debug"]),
    ("gcr.io/distroless/python3-debian12", "distroless-python", ["nonroot", "latest"]),
    ("ghcr.io/grafana/grafana", "grafana", ["11.2.2", "10.4.10"]),
    ("registry.k8s.io/pause", "pause", ["3.9", "3.10"]),
    ("registry.k8s.io/ingress-nginx/controller", "ingress-nginx", ["v1.11.3"]),
]

TAG = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._-]{0,127}")

for _src, _short, _tags in IMAGES:  # what mirror's field validation requires
    assert _src == _src.lower() and _short == _short.lower(), _src
    assert all(TAG.fullmatch(t) for t in _tags), _tags


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)
        self.targets = 0  # target calls evaluated (after loops, before parametrize/generators)
        self.generated = 0  # oci_mirror_image targets generated by oci_mirror_images
        self.parametrized = 0  # extra targets made by parametrize (each parametrize makes 2)

    def sha(self, short, tag):
        """The pin of image `short` at `tag`: one digest per name and tag across the tree, as
        real pins are (mirror refuses two targets that tag one destination with two digests).
        The random draw is kept so the rest of the tree is what it was."""
        self.r.getrandbits(256)
        return hashlib.sha256(f"{short}:{tag}".encode()).hexdigest()

    def image(self):
        return self.r.choice(IMAGES)

    def registry(self):
        return self.r.choice(["registry.example.com/mirror", "registry.example.com/mirror",
                              "registry.example.com/mirror", "mirror.internal.example.com/hub",
                              "eu.gcr.example.com/mirrors"])

    def description(self, what):
        return self.r.choice([
            f"The {what} image our services run on.",
            f"Pinned {what}: bump the digest with the weekly update job.",
            f"{what} for local development and CI.",
            f"Base image ({what}) approved by the platform team.",
        ])

    # ---- directories ----

    def directories(self, n):
        """n distinct directories 1-4 levels deep; every ancestor is one of them.

        The top-level directories come first; then each new directory is 2, 3 or 4 levels deep
        (about 15/35/50%) under a random directory one level up.
        """
        children = {"": set()}
        by_depth = {1: [], 2: [], 3: []}
        dirs = []

        def add(parent, name, depth):
            path = f"{parent}/{name}" if parent else name
            children[parent].add(name)
            children[path] = set()
            dirs.append(path)
            if depth < 4:
                by_depth[depth].append(path)

        for name in TOP[:min(len(TOP), n)]:
            add("", name, 1)
        while len(dirs) < n:
            depth = self.r.choices([2, 3, 4], weights=[15, 35, 50])[0]
            while not by_depth[depth - 1]:
                depth -= 1
            parent = self.r.choice(by_depth[depth - 1])
            name = self.r.choice(WORDS)
            if name in children[parent]:
                name = f"{name}-{self.r.choice(SUFFIXES)}"
            base, k = name, 2
            while name in children[parent]:
                name = f"{base}{k}"
                k += 1
            add(parent, name, depth)
        return dirs

    # ---- BUILD file pieces ----

    def mirror_image(self, names, indent=""):
        src, short, tags = self.image()
        tag = self.r.choice(tags)
        name = unique(names, f"{short}-{tag}".replace(".", "-").replace("_", "-"))
        lines = [f"{indent}oci_mirror_image(",
                 f'{indent}    name="{name}",',
                 f'{indent}    source_repository="{src}",']
        roll = self.r.random()
        if roll < 0.12:
            lines.append(f'{indent}    destination_repository=env("MIRROR_BENCH_REGISTRY",'
                         f' "{self.registry()}") + "/{short}",')
        elif roll < 0.18:
            # the same image pushed to two registries: two targets, name@destination_repository=...
            lines.append(f"{indent}    destination_repository=parametrize(")
            lines.append(f'{indent}        eu="eu.registry.example.com/mirror/{short}",')
            lines.append(f'{indent}        us="us.registry.example.com/mirror/{short}",')
            lines.append(f"{indent}    ),")
            self.parametrized += 1
        else:
            lines.append(f'{indent}    destination_repository="{self.registry()}/{short}",')
        lines.append(f'{indent}    sha="{self.sha(short, tag)}",')
        if self.r.random() < 0.9:
            lines.append(f'{indent}    tag="{tag}",')
        if self.r.random() < 0.25:
            lines.append(f'{indent}    description="{self.description(short)}",')
        if self.r.random() < 0.2:
            tl = ", ".join(f'"{t}"' for t in self.r.sample(["base", "prod", "ci", "dev",
                                                            "security-reviewed"], 2))
            lines.append(f"{indent}    tags=[{tl}],")
        lines.append(f"{indent})")
        self.targets += 1
        return lines

    def mirror_images(self, names):
        src, short, tags = self.image()
        name = unique(names, short)
        chosen = self.r.sample(tags, min(len(tags), self.r.randint(2, 4)))
        lines = ["oci_mirror_images(",
                 f'    name="{name}",',
                 f'    source_repository="{src}",',
                 f'    destination_repository="{self.registry()}/{short}",',
                 "    variants={"]
        for t in chosen:
            lines.append(f'        "{t}": "{self.sha(short, t)}",')
        lines.append("    },")
        if self.r.random() < 0.3:
            lines.append(f'    description="{self.description(short)}",')
        lines.append(")")
        self.targets += 1
        self.generated += len(chosen)
        return lines

    def mirror_loop(self, names):
        """A top-level for loop over versions, with f-strings and a dict of digests."""
        src, short, tags = self.image()
        chosen = self.r.sample(tags, min(len(tags), self.r.randint(2, 3)))
        var = "_" + short.upper().replace("-", "_") + "_DIGESTS"
        base = unique(names, f"{short}-pinned")
        for t in chosen:
            names.add(f"{base}-{t}")
        lines = [f"{var} = {{"]
        for t in chosen:
            lines.append(f'    "{t}": "{self.sha(short, t)}",')
        lines.append("}")
        lines.append("")
        tl = ", ".join(f'"{t}"' for t in chosen)
        lines.append(f"for v in [{tl}]:")
        lines.append("    oci_mirror_image(")
        lines.append(f'        name=f"{base}-{{v}}",')
        lines.append(f'        source_repository="{src}",')
        lines.append(f'        destination_repository="{self.registry()}/{short}",')
        lines.append(f"        sha={var}[v],")
        lines.append("        tag=v,")
        lines.append(f'        description=f"{short} {{v}}, pinned",')
        lines.append("    )")
        self.targets += len(chosen)
        return lines

    def macro_call(self, names):
        src, short, tags = self.image()
        tag = self.r.choice(tags)
        name = unique(names, f"m-{short}")
        self.targets += 1
        if src.startswith("docker.io/library/"):
            return [f'mirrored_library_image("{name}", "{short}", "{tag}", "{self.sha(short, tag)}")']
        return [f'mirrored_image("{name}", "{src}", "{tag}", "{self.sha(short, tag)}",'
                f' registry="{self.registry()}")']

    def python_targets(self, names, dirname):
        lines = []
        if dirname not in names and self.r.random() < 0.8:
            names.add(dirname)  # python_sources() takes the directory's name
            lines.append("python_sources()")
            self.targets += 1
        if "tests" not in names and self.r.random() < 0.5:
            names.add("tests")
            if self.r.random() < 0.25:
                lines += ["python_tests(",
                          '    name="tests",',
                          "    interpreter_constraints=parametrize(",
                          '        py311=["==3.11.*"],',
                          '        py312=["==3.12.*"],',
                          "    ),",
                          '    timeout=120,',
                          ")"]
                self.parametrized += 1
            else:
                lines.append('python_tests(name="tests")')
            self.targets += 1
        return lines

    def other_targets(self, names):
        lines = []
        roll = self.r.random()
        if roll < 0.3 and "img" not in names:
            names.add("img")
            _, short, tags = self.image()
            lines += ["docker_image(",
                      '    name="img",',
                      f'    instructions=["FROM {short}:{self.r.choice(tags)}", "COPY . /app"],',
                      ")"]
            self.targets += 1
        elif roll < 0.5 and "r" not in names:
            names.add("r")
            lines.append('resources(name="r", sources=["*.json"])')
            self.targets += 1
        elif roll < 0.6 and "sh" not in names:
            names.add("sh")
            lines.append('shell_sources(name="sh")')
            self.targets += 1
        elif roll < 0.68 and "bin" not in names:
            names.add("bin")
            lines.append('pex_binary(name="bin", entry_point="main.py")')
            self.targets += 1
        return lines

    def build_file(self, path):
        names = set()
        dirname = path.split("/")[-1]
        parts = ["# Generated by bench/gen_build_tree.py; do not edit."]
        r = self.r
        roll = r.random()
        if roll < 0.06:
            parts.append('__defaults__(all=dict(tags=["' + path.split("/")[0] + '"]))')
        elif roll < 0.11:
            parts.append("__defaults__({oci_mirror_image: dict(description=\""
                         + self.description(path.split("/")[-1]) + "\")}, extend=True)")
        body = []
        kind = r.random()
        if kind < 0.35:  # a plain code directory
            body.append(self.python_targets(names, dirname))
            body.append(self.other_targets(names))
        elif kind < 0.8:  # code plus the images it needs
            body.append(self.python_targets(names, dirname))
            for _ in range(r.choice([1, 1, 1, 2, 2, 3])):
                body.append(self.mirror_image(names))
            if r.random() < 0.3:
                body.append(self.mirror_images(names))
            body.append(self.other_targets(names))
        else:  # an images directory
            for _ in range(r.randint(2, 6)):
                body.append(self.mirror_image(names))
            for _ in range(r.randint(0, 2)):
                body.append(self.mirror_images(names))
        if r.random() < 0.06:
            body.append(self.mirror_loop(names))
        if r.random() < 0.1:
            for _ in range(r.randint(1, 2)):
                body.append(self.macro_call(names))
        body = [b for b in body if b]
        if not body:
            body.append(['files(name="files", sources=["*.txt"])'])
            self.targets += 1
        for b in body:
            parts.append("\n".join(b))
        return "\n\n".join(parts) + "\n"


def unique(names, name):
    base, k = name, 2
    while name in names:
        name = f"{base}-{k}"
        k += 1
    names.add(name)
    return name


PANTS_TOML = """\
# Generated by bench/gen_build_tree.py.
[GLOBAL]
pants_version = "2.24.0"
backend_packages = [
  "pants.backend.python",
  "pants.backend.docker",
  "pants.backend.shell",
  "pants_backend_oci.utility.mirror",
]
build_file_prelude_globs = ["build-support/*.py"]
"""

MACROS = '''\
# Prelude macros, generated by bench/gen_build_tree.py.

DEFAULT_REGISTRY = "registry.example.com/mirror"


def mirrored_library_image(name, image, tag, sha, registry=DEFAULT_REGISTRY, **kwargs):
    """Mirrors docker.io/library/<image>:<tag> pinned at sha."""
    oci_mirror_image(
        name=name,
        source_repository=f"docker.io/library/{image}",
        destination_repository=f"{registry}/{image}",
        sha=sha,
        tag=tag,
        **kwargs,
    )


def mirrored_image(name, source, tag, sha, registry=DEFAULT_REGISTRY, tags=None):
    """Mirrors any source repository, keeping its last path element as the name."""
    short = source.split("/")[-1]
    oci_mirror_image(
        name=name,
        source_repository=source,
        destination_repository=registry + "/" + short,
        sha=sha,
        tag=tag,
        tags=(tags or []) + ["macro"],
        description="Mirrored by mirrored_image() from " + source + ":" + tag,
    )
'''


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out_dir")
    ap.add_argument("n", nargs="?", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    if args.n < 1:
        ap.error("N must be at least 1")
    out = args.out_dir
    if os.path.exists(out) and os.listdir(out):
        sys.exit(f"gen_build_tree.py: {out} is not empty")
    g = Gen(args.seed)
    os.makedirs(os.path.join(out, "build-support"), exist_ok=True)
    with open(os.path.join(out, "pants.toml"), "w") as f:
        f.write(PANTS_TOML)
    with open(os.path.join(out, "build-support", "macros.py"), "w") as f:
        f.write(MACROS)
    lines = 0
    dirs = g.directories(args.n)
    for d in dirs:
        text = g.build_file(d)
        lines += text.count("\n")
        os.makedirs(os.path.join(out, d), exist_ok=True)
        with open(os.path.join(out, d, "BUILD"), "w") as f:
            f.write(text)
    one_dir = max(dirs, key=lambda d: (d.count("/"), d))
    expected = g.targets + g.generated + g.parametrized
    with open(os.path.join(out, ".bench-tree"), "w") as f:
        # Read by bench/build-tree.sh: what `mirror list ::` should print, and a directory
        # 4 levels deep for the one-directory case.
        f.write(f"dirs={len(dirs)}\ntargets={expected}\none_dir={one_dir}\n")
    print(f"{len(dirs)} directories, {len(dirs)} BUILD files, {lines} lines, {expected} targets"
          f" ({g.targets} declared, {g.generated} generated by oci_mirror_images,"
          f" {g.parametrized} more from parametrize)")

if __name__ == "__main__":
    main()
