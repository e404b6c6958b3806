#!/usr/bin/env bash
# A container runtime and the images the container tests use, built with no registry (idempotent):
#   1. docker.io from Debian when no daemon answers, and dockerd started when it is not running;
#   2. qprune/nats:local      Debian's nats-server and the libraries `ldd` names, `docker import`ed;
#   3. qprune/node-base:local this machine's node and the libraries it and the native addons need;
#   4. qprune/service:local   the Dockerfile at the repository root, FROM qprune/node-base:local
#                             (users with a registry build the same Dockerfile FROM node:20-slim).
# The service image copies the checkout as it is: run `npm ci && npm run build` first.
# An image is rebuilt only when what it is made of changed (a content hash in its label).
# Prints the seconds each step took; exits non-zero when no runtime comes up.
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
export DEBIAN_FRONTEND=noninteractive
apt_install() { $SUDO apt-get install -y -qq "$@" >/dev/null || { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq "$@" >/dev/null; }; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

t0=$(now)
if ! docker info >/dev/null 2>&1; then
  if ! command -v dockerd >/dev/null 2>&1; then apt_install docker.io; fi
  if ! pgrep -x dockerd >/dev/null; then
    log=${QPRUNE_DOCKERD_LOG:-/tmp/qprune-dockerd.log}
    # Detached from this shell, so the daemon outlives the script.
    $SUDO setsid dockerd >"$log" 2>&1 < /dev/null &
  fi
  for _ in $(seq 1 240); do docker info >/dev/null 2>&1 && break; sleep 0.25; done
  if ! docker info >/dev/null 2>&1; then
    echo "container-runtime: no Docker daemon answers (dockerd log: ${log:-none started here})" >&2
    exit 1
  fi
fi
echo "container-runtime: docker $(docker version --format '{{.Server.Version}}') ready in $(elapsed "$t0") s"

# The libraries a set of binaries needs (absolute paths, the loader included).
libs_of() { ldd "$@" 2>/dev/null | awk '/=> \//{print $3} /^[ \t]*\/lib/{print $1}' | sort -u; }

# A rootfs in a temp dir from a list of files, imported as an image. A file is copied to its own path,
# or to DEST when given as SRC=DEST.
import_rootfs() { # tag hash change... -- files...
  local tag=$1 hash=$2; shift 2
  local changes=()
  while [ "$1" != -- ]; do changes+=(-c "$1"); shift; done; shift
  local root; root=$(mktemp -d)
  for f in "$@"; do
    local src=${f%%=*} dest=${f#*=}
    mkdir -p "$root$(dirname "$dest")"; cp -L "$src" "$root$dest"
  done
  mkdir -p "$root/tmp" "$root/etc" && chmod 1777 "$root/tmp"
  echo 'root:x:0:0:root:/root:/bin/bash' >"$root/etc/passwd"
  echo 'nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin' >>"$root/etc/passwd"
  ln -sf bash "$root/bin/sh"
  tar -C "$root" -c . | docker import "${changes[@]}" -c "LABEL qprune.hash=$hash" - "$tag" >/dev/null
  rm -rf "$root"
}
current_hash() { docker image inspect --format '{{ index .Config.Labels "qprune.hash" }}' "$1" 2>/dev/null || true; }

# 2. NATS: Debian's server (the one the machines run), with bash for `docker exec` and shell waits.
t1=$(now)
NATS=$(command -v nats-server || echo /usr/sbin/nats-server)
[ -x "$NATS" ] || { apt_install nats-server; NATS=/usr/sbin/nats-server; }
hash=$(cat "$NATS" /bin/bash | sha256sum | cut -c1-16)
if [ "$(current_hash qprune/nats:local)" != "$hash" ]; then
  mapfile -t files < <(libs_of "$NATS" /bin/bash)
  import_rootfs qprune/nats:local "$hash" 'ENTRYPOINT ["/nats-server"]' 'EXPOSE 4222 6222 8222' -- "${files[@]}" /bin/bash "$NATS=/nats-server"
  echo "container-runtime: built qprune/nats:local ($("$NATS" --version)) in $(elapsed "$t1") s"
else
  echo "container-runtime: qprune/nats:local is current"
fi

# 3. Node base: this machine's node (the version CI tests with) and the system libraries of node and
# of the native addons in node_modules (onnxruntime, sharp).
t2=$(now)
NODE=$(command -v node)
[ -d node_modules ] || { echo "container-runtime: node_modules is missing: run npm ci first" >&2; exit 1; }
mapfile -t addons < <(find node_modules \( -name '*.node' -o -name '*.so*' \) -type f 2>/dev/null | grep -v -e darwin -e win32 -e arm | grep -e linux -e x64 || true)
hash=$( (cat "$NODE" /bin/bash; libs_of "$NODE" "${addons[@]}") | sha256sum | cut -c1-16)
if [ "$(current_hash qprune/node-base:local)" != "$hash" ]; then
  mapfile -t files < <(libs_of "$NODE" /bin/bash "${addons[@]}")
  import_rootfs qprune/node-base:local "$hash" 'ENV PATH=/usr/local/bin:/usr/bin:/bin' 'CMD ["node"]' -- "${files[@]}" /bin/bash "$NODE=/usr/local/bin/node"
  echo "container-runtime: built qprune/node-base:local (node $("$NODE" --version)) in $(elapsed "$t2") s"
else
  echo "container-runtime: qprune/node-base:local is current"
fi

# 4. The service image from the Dockerfile (the legacy builder: no buildx plugin is needed).
t3=$(now)
[ -f dist/mod.js ] || { echo "container-runtime: dist/ is missing: run npm run build first" >&2; exit 1; }
# (the legacy builder's deprecation notice is shown only when the build fails)
if ! out=$(DOCKER_BUILDKIT=0 docker build -q --build-arg BASE=qprune/node-base:local -t qprune/service:local . 2>&1); then
  echo "$out" >&2; exit 1
fi
echo "container-runtime: built qprune/service:local in $(elapsed "$t3") s (docker build; layers cached when nothing changed)"
echo "container-runtime: all images ready in $(elapsed "$t0") s"
