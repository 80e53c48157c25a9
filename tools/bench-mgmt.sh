#!/bin/sh
# Management-plane figures (TLS handshake, small-call latency, WriteGpa
# throughput): boots the appliance image in QEMU (accelerator from
# tools/qemu-accel.sh) with a fresh PKI's bundle and virtio-net, and runs
# build/tools/mgmt-bench against the forwarded endpoint.
#   tools/bench-mgmt.sh [ELF]
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
elf=${1:-$root/build/unihv.elf}
bench=$root/build/tools/mgmt-bench
out=$(mktemp -d)
qemu_pid=
cleanup() {
	[ -z "$qemu_pid" ] || { kill "$qemu_pid" 2>/dev/null; wait "$qemu_pid" 2>/dev/null; }
	rm -rf "$out"
}
trap cleanup EXIT
"$root/tools/pki-init.sh" --dir "$out/pki" >"$out/pki.log" 2>&1 ||
	{ cat "$out/pki.log" >&2; exit 1; }
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
accel=$("$root/tools/qemu-accel.sh")
qemu-system-x86_64 -M q35 -accel "$accel" -cpu max -smp 2 -m 512 \
	-display none -no-reboot -serial "file:$out/console" -monitor none \
	-netdev "user,id=n0,hostfwd=tcp:127.0.0.1:$port-:7443" -device virtio-net-pci,netdev=n0 \
	-kernel "$elf" -initrd "$out/pki/bundle.conf" </dev/null >"$out/qemu.out" 2>&1 &
qemu_pid=$!
i=0
until grep -q 'mgmt: management endpoint listening' "$out/console" 2>/dev/null; do
	i=$((i + 1))
	if [ "$i" -gt 600 ] || ! kill -0 "$qemu_pid" 2>/dev/null; then
		echo "bench-mgmt: the endpoint did not start"; tail -n 20 "$out/console"; exit 1
	fi
	sleep 0.1
done
echo "unihv bench (management plane): QEMU $(qemu-system-x86_64 --version | sed -n '1s/.*version \([^ ]*\).*/\1/p') -accel $accel -cpu max, 2 vCPUs, 512 MiB, virtio-net with user-mode networking (slirp) port forward; client on this host: $(nproc) CPUs, $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -n1)"
"$bench" "127.0.0.1:$port" "$out/pki"
