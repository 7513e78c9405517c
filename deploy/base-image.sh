#!/usr/bin/env bash
# Builds the local Debian base image for Cairn node containers, from Debian packages only
# (no registry is needed): debootstrap a minimal bookworm, add a JDK 17 and the tools the fault
# suite uses inside containers, then `tar | docker import`. See docs in deploy/README.md.
#
#   deploy/base-image.sh [--force]     skips when the image exists; --force rebuilds it
#
# Env: CAIRN_BASE_IMAGE (default cairn-base:bookworm), CAIRN_DEBIAN_MIRROR (default
# http://deb.debian.org/debian), CAIRN_DEBIAN_SECURITY_MIRROR (default
# http://deb.debian.org/debian-security). Needs root (debootstrap, chroot, mount), debootstrap, docker.
set -euo pipefail

IMAGE="${CAIRN_BASE_IMAGE:-cairn-base:bookworm}"
MIRROR="${CAIRN_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
SECURITY_MIRROR="${CAIRN_DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}"
SUITE=bookworm
# A JDK, not a JRE: Chronicle Map compiles code at start-up. iptables/iproute2: partitions;
# procps: pgrep/ps for node-ctl; faketime: libfaketime for clock skew.
PACKAGES=(openjdk-17-jdk-headless iptables iproute2 procps faketime)

log() { echo "base-image: $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

force=false
for arg in "$@"; do
  case "$arg" in
    --force) force=true ;;
    -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument '$arg' (usage: $0 [--force])" ;;
  esac
done

command -v docker >/dev/null || die "docker is not installed"
docker info >/dev/null 2>&1 || die "the docker daemon does not answer (is dockerd running?)"
if ! $force && docker image inspect "$IMAGE" >/dev/null 2>&1; then
  log "$IMAGE already exists; skipping (use --force to rebuild)"
  exit 0
fi
[[ $(id -u) -eq 0 ]] || die "must run as root (debootstrap, chroot and mount need it)"
command -v debootstrap >/dev/null || die "debootstrap is not installed (apt-get install debootstrap)"

start=$SECONDS
ROOTFS="$(mktemp -d /tmp/cairn-base.XXXXXX)"
BUILD_LOG="$ROOTFS.log"   # package manager output; kept only when the build fails
cleanup() {
  # never leave /proc mounted inside a directory we are about to delete
  umount "$ROOTFS/proc" 2>/dev/null || true
  rm -rf --one-file-system "$ROOTFS"
}
trap cleanup EXIT

log "debootstrap --variant=minbase $SUITE from $MIRROR (log: $BUILD_LOG)"
debootstrap --variant=minbase "$SUITE" "$ROOTFS" "$MIRROR" >>"$BUILD_LOG" 2>&1 \
  || { tail -30 "$BUILD_LOG" >&2; die "debootstrap failed (log: $BUILD_LOG)"; }

# updates + security so the JDK is the patched one, as on any Debian 12 host
cat >"$ROOTFS/etc/apt/sources.list" <<SOURCES
deb $MIRROR $SUITE main
deb $MIRROR $SUITE-updates main
deb $SECURITY_MIRROR $SUITE-security main
SOURCES
# No docs/man pages in a container image (smaller, faster import); keep copyright files.
cat >"$ROOTFS/etc/dpkg/dpkg.cfg.d/01-cairn-nodoc" <<'DPKG'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/locale/*
DPKG

# The JDK's post-install (ca-certificates-java, alternatives) fails without /proc.
mount -t proc proc "$ROOTFS/proc"
log "installing ${PACKAGES[*]}"
# Dpkg::Use-Pty=0: no /dev/pts in the chroot, and apt would complain about it.
chroot "$ROOTFS" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive \
  sh -ec "apt-get -q update && apt-get -q -o Dpkg::Use-Pty=0 install -y --no-install-recommends ${PACKAGES[*]}" \
  >>"$BUILD_LOG" 2>&1 || { tail -30 "$BUILD_LOG" >&2; die "package installation in the chroot failed (log: $BUILD_LOG)"; }
# apt caches and lists stay out of the image
chroot "$ROOTFS" apt-get clean
rm -rf "$ROOTFS"/var/lib/apt/lists/* "$ROOTFS"/var/cache/apt/*.bin "$ROOTFS"/var/log/apt/* \
  "$ROOTFS"/var/log/dpkg.log "$ROOTFS"/var/cache/debconf/*-old
umount "$ROOTFS/proc"

arch="$(chroot "$ROOTFS" dpkg --print-architecture)"
java_home="/usr/lib/jvm/java-17-openjdk-$arch"
[[ -x "$ROOTFS$java_home/bin/javac" ]] || die "javac missing at $java_home in the chroot"
[[ -e "$ROOTFS/usr/lib/$(chroot "$ROOTFS" dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || echo x86_64-linux-gnu)/faketime/libfaketime.so.1" ]] \
  || log "warning: libfaketime.so.1 not found at the usual path"

old_id=$(docker image inspect -f '{{.Id}}' "$IMAGE" 2>/dev/null || true)
log "importing into docker as $IMAGE"
# /proc, /sys and /dev are provided by the container runtime; leave them empty in the image.
tar --numeric-owner -C "$ROOTFS" --exclude=./proc/* --exclude=./sys/* --exclude=./dev/* -c . \
  | docker import \
      --change "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
      --change "ENV JAVA_HOME=$java_home" \
      --change "ENV LANG=C.UTF-8" \
      --change 'CMD ["/bin/bash"]' \
      - "$IMAGE" >/dev/null \
  || die "docker import failed"

rm -f "$BUILD_LOG"
# --force: drop the replaced image unless node images still build on it (then rmi just fails)
[[ -z $old_id ]] || docker rmi "$old_id" >/dev/null 2>&1 || true
log "built $IMAGE in $((SECONDS - start)) s ($(docker image inspect -f '{{.Size}}' "$IMAGE" | awk '{printf "%.0f MB", $1/1e6}'))"
