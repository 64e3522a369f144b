# Prelude: its top-level names are predeclared in every BUILD file.
DOCKER_HUB = "docker.io/library"


def _registry():
    # env() works in a prelude only inside a function called from a BUILD file.
    return env("MIRROR_GOLDEN_UNSET_REGISTRY", "registry.example.com/mirror")


def hub_image(name, sha, **kwargs):
    oci_mirror_image(
        name=name,
        source_repository=f"{DOCKER_HUB}/{name}",
        destination_repository=f"{_registry()}/{name}",
        sha=sha,
        **kwargs
    )
