def hub_versions(name, variants, **kwargs):
    oci_mirror_images(
        name=name,
        source_repository="docker.io/library/" + name,
        destination_repository=env("MIRROR_GOLDEN_UNSET_REGISTRY", "registry.example.com/hub") + "/" + name,
        variants=variants,
        **kwargs
    )
