#!/bin/sh
# Install the Debian packages unihv needs to build and test (Debian
# bookworm).  As root it installs what is missing; otherwise it prints the
# exact command to run and fails.  --check only reports.
set -eu
PACKAGES="gcc make binutils git xz-utils dpkg-dev python3
qemu-system-x86 bochs bochs-term bochsbios vgabios
grub-pc-bin grub-common xorriso mtools
libcmocka-dev nix-bin
protobuf-compiler python3-protobuf libmbedtls-dev openssl"

missing=""
for p in $PACKAGES; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0
if [ "${1:-}" = "--check" ]; then
	echo "install-deps: missing:$missing" >&2
	exit 1
fi
if [ "$(id -u)" != 0 ]; then
	echo "install-deps: missing Debian packages:$missing" >&2
	echo "install-deps: run as root:  apt-get update && apt-get install -y$missing" >&2
	exit 1
fi
echo "install-deps: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq $missing >/dev/null
