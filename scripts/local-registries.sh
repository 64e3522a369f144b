# Local Distribution registries for the demo and the benchmarks: sourced by bash scripts.
#
#   work=$(mktemp -d); . scripts/local-registries.sh; trap 'stop_all_registries; rm -rf "$work"' EXIT
#   start_registry source; SRC=127.0.0.1:$PORT
#
# Each registry keeps its config, storage and log under $work/NAME and is stopped by its PID,
# never by name.
declare -A reg_pid=()

# A free loopback port: one nothing answers on, below Linux's ephemeral range (32768 and up), where
# outgoing connections would also take ports.
free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 12000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}

# start_registry NAME: starts a registry with its storage in $work/NAME (removed first), polls
# /v2/ until it answers, and sets PORT. A port taken between choosing and binding it is chosen
# again.
start_registry() {
  local attempt
  for attempt in 1 2 3 4 5; do
    start_registry_once "$1" && return
    grep -q "address already in use" "$work/$1.log" || break
  done
  echo "the $1 registry did not start:" >&2
  cat "$work/$1.log" >&2
  exit 1
}

start_registry_once() {
  local name=$1
  rm -rf "${work:?}/$name" && mkdir -p "$work/$name"
  PORT=$(free_port)
  cat >"$work/$name/config.yml" <<YAML
version: 0.1
log: {level: error, accesslog: {disabled: true}}
storage:
  filesystem: {rootdirectory: $work/$name/data}
  delete: {enabled: true}
  cache: {blobdescriptor: inmemory}
http: {addr: 127.0.0.1:$PORT, secret: local-$name}
YAML
  docker-registry serve "$work/$name/config.yml" >"$work/$name.log" 2>&1 &
  reg_pid[$name]=$!
  local i
  for ((i = 0; i < 200; i++)); do
    if ( exec 3<>"/dev/tcp/127.0.0.1/$PORT" && printf 'GET /v2/ HTTP/1.0\r\n\r\n' >&3 &&
      head -1 <&3 ) 2>/dev/null | grep -q ' 200 '; then
      return 0
    fi
    kill -0 "${reg_pid[$name]}" 2>/dev/null || break # it exited: the log says why
    sleep 0.05
  done
  kill "${reg_pid[$name]}" 2>/dev/null || true
  unset "reg_pid[$name]"
  return 1
}

# stop_registry NAME: stops it (by PID) and removes its storage.
stop_registry() {
  local name=$1
  kill "${reg_pid[$name]}" 2>/dev/null || true
  wait "${reg_pid[$name]}" 2>/dev/null || true
  unset "reg_pid[$name]"
  rm -rf "${work:?}/$name"
}

stop_all_registries() {
  local name
  for name in "${!reg_pid[@]}"; do
    kill "${reg_pid[$name]}" 2>/dev/null || true
  done
  for name in "${!reg_pid[@]}"; do
    wait "${reg_pid[$name]}" 2>/dev/null || true
  done
}
