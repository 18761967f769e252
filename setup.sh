#!/bin/sh
# One command from a fresh checkout to a working uml-job-wrapper: system packages (when run as root),
# npm dependencies, the build (TypeScript and the static guest agent), then a demo job.
set -eu
cd "$(dirname "$0")"

# busybox-static, e2fsprogs, xz-utils and zstd build the test suite's small root file systems;
# slirp4netns gives --net its user-mode network; debootstrap builds the slow test group's Debian root;
# gpgv and debian-archive-keyring verify the Debian metadata of `kernel install`.
PACKAGES="user-mode-linux musl-tools gcc make libc6-dev util-linux passwd tmux bsdutils procps busybox-static e2fsprogs xz-utils zstd slirp4netns debootstrap gpgv debian-archive-keyring"

if [ "$(id -u)" = 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=600 update -q
  apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends $PACKAGES
else
  missing=""
  for p in $PACKAGES; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
  if [ -n "$missing" ]; then
    echo "setup.sh: missing Debian packages:$missing" >&2
    echo "setup.sh: install them as root (sudo apt-get install$missing) or run this script as root" >&2
    exit 1
  fi
fi

if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
npm run build

echo "--- demo: a job in a User-Mode Linux guest"
./bin/uml-job-wrapper -- sh -c 'echo "hello from Linux $(uname -r) ($(grep -m1 "model name" /proc/cpuinfo | cut -d: -f2 | xargs)), as $(id -un) in $(pwd)"'
