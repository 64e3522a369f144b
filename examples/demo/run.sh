#!/usr/bin/env bash
# mirror end to end: builds mirror, starts two local Distribution registries, seeds the source
# with a small two-platform image and a cosign-style signature of it, runs `mirror run ::` in this
# directory, shows that the destination serves the pinned digests and the signature, and runs it
# again (nothing left to do).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
project=$(cd "$here/../.." && pwd)

need=()
for tool in java mvn docker-registry skopeo tar gzip sha256sum; do
  command -v "$tool" >/dev/null || need+=("$tool")
done
if ((${#need[@]})); then
  packages="docker-registry skopeo"
  command -v java >/dev/null || packages="openjdk-17-jdk-headless $packages"
  command -v mvn >/dev/null || packages="maven $packages"
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    echo "Installing $packages (missing: ${need[*]})"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
      --no-install-recommends $packages >/dev/null
  else
    echo "Missing: ${need[*]}. Install them with:" >&2
    echo "  sudo apt-get install -y --no-install-recommends $packages" >&2
    exit 1
  fi
fi

echo "== Building mirror"
"$project/mirror" --version

work=$(mktemp -d)
. "$project/scripts/local-registries.sh"
trap 'stop_all_registries; rm -rf "$work"' EXIT

start_registry source
export DEMO_SOURCE_REGISTRY=127.0.0.1:$PORT
start_registry destination
export DEMO_DESTINATION_REGISTRY=127.0.0.1:$PORT
echo "== Registries: source $DEMO_SOURCE_REGISTRY, destination $DEMO_DESTINATION_REGISTRY"

echo "== Seeding the source with a two-platform image"
sha=$("$here/make-image.sh" "$work/layout")
pinned=$(sed -n 's/^APP_SHA = "\(.*\)"$/\1/p' "$here/BUILD")
if [[ $sha != "$pinned" ]]; then
  echo "make-image.sh built sha256:$sha, but BUILD pins sha256:$pinned" >&2
  echo "(this machine's tar or gzip writes other bytes; put the new digest in BUILD)" >&2
  exit 1
fi
skopeo copy --quiet --all --dest-tls-verify=false "oci:$work/layout:demo" \
  "docker://$DEMO_SOURCE_REGISTRY/demo/app:1.0"
echo "== Signing it, as cosign does (under the tag sha256-<hex>.sig)"
signature=$("$here/make-signature.sh" "$work/signature" "sha256:$pinned")
skopeo copy --quiet --preserve-digests --dest-tls-verify=false "oci:$work/signature:sig" \
  "docker://$DEMO_SOURCE_REGISTRY/demo/app:sha256-$pinned.sig"

cd "$here"
echo "== mirror list ::"
"$project/mirror" list ::
echo "== mirror run ::"
"$project/mirror" run ::

echo "== What the destination serves"
for ref in mirror/app:1.0 mirror/app-channels:stable mirror/app-channels:latest; do
  served=$(skopeo inspect --raw --tls-verify=false "docker://$DEMO_DESTINATION_REGISTRY/$ref" | sha256sum | cut -d' ' -f1)
  mark=$([[ $served == "$pinned" ]] && echo "matches the pin" || echo "DIFFERS from the pin")
  echo "$DEMO_DESTINATION_REGISTRY/$ref  sha256:$served  $mark"
  [[ $served == "$pinned" ]]
done
index=$(skopeo inspect --raw --tls-verify=false "docker://$DEMO_DESTINATION_REGISTRY/mirror/app:1.0")
for child in $(grep -o 'sha256:[a-f0-9]\{64\}' <<<"$index"); do
  served=$(skopeo inspect --raw --tls-verify=false "docker://$DEMO_DESTINATION_REGISTRY/mirror/app@$child" | sha256sum | cut -d' ' -f1)
  echo "  platform manifest $child: served as sha256:$served"
  [[ $child == "sha256:$served" ]]
done
served=$(skopeo inspect --raw --tls-verify=false "docker://$DEMO_DESTINATION_REGISTRY/mirror/app:sha256-$pinned.sig" | sha256sum | cut -d' ' -f1)
echo "  signature (referrers=True) mirror/app:sha256-${pinned:0:12}….sig: sha256:$served"
[[ $served == "$signature" ]]

echo "== mirror run :: again: everything is up to date, only the source's referrers are read"
"$project/mirror" run ::
