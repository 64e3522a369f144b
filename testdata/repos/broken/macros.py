def mirrored(name, sha):
    registry = {"hub": "docker.io/library"}
    oci_mirror_image(
        name=name,
        source_repository=registry["quay"] + "/" + name,
        destination_repository="registry.example.com/mirror/" + name,
        sha=sha,
    )
