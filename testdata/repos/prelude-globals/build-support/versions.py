# Uses DOCKER_HUB from macros.py: Pants runs every prelude in one shared globals dict,
# so a function sees the top-level names of all prelude files when it is called.
def hub_versions(name, variants, **kwargs):
    oci_mirror_images(
        name=name,
        source_repository=DOCKER_HUB + "/" + name,
        destination_repository=env("MIRROR_GOLDEN_UNSET_REGISTRY", "registry.example.com/hub") + "/" + name,
        variants=variants,
        **kwargs
    )
