#!/bin/sh
# Boot the image in QEMU with the serial console on this terminal and a
# virtio-net device whose management port is forwarded to the host.
#   tools/run-qemu.sh ELF "COMMAND LINE"
# The management bundle (PKI and settings, mgmt/config_bundle.h) is the
# boot module: $UNIHV_PKI/bundle.conf (default: the pki directory next to
# ELF, e.g. build/pki), created by tools/pki-init.sh when missing.
# Environment: UNIHV_MEM (MiB, 256), UNIHV_CPUS (2), UNIHV_PORT (host port
# for the management endpoint, 7443), UNIHV_ACCEL (kvm|tcg, detected),
# UNIHV_PKI (the PKI directory).
set -eu
elf=${1:?usage: run-qemu.sh ELF [CMDLINE]}
cmdline=${2:-}
here=$(dirname "$0")
build=$(dirname "$elf")
pki=${UNIHV_PKI:-$build/pki}
accel=$("$here/qemu-accel.sh")
port=${UNIHV_PORT:-7443}
if [ ! -f "$pki/bundle.conf" ]; then
	"$here/pki-init.sh" --dir "$pki"
fi
hvctl="$build/tools/hvctl"
[ "$pki" = build/pki ] || hvctl="$hvctl --pki $pki"
[ "$port" = 7443 ] || hvctl="$hvctl -c 127.0.0.1:$port"
echo "run-qemu: accel=$accel, ${UNIHV_CPUS:-2} CPUs, ${UNIHV_MEM:-256} MiB, management port 127.0.0.1:$port (Ctrl-A X quits)" >&2
echo "run-qemu: bundle $pki/bundle.conf; from another terminal: $hvctl status" >&2
exec qemu-system-x86_64 -M q35 -accel "$accel" -cpu max -smp "${UNIHV_CPUS:-2}" -m "${UNIHV_MEM:-256}" \
	-display none -no-reboot -serial mon:stdio \
	-device isa-debug-exit,iobase=0xf4,iosize=4 \
	-netdev "user,id=n0,hostfwd=tcp:127.0.0.1:$port-:7443" -device virtio-net-pci,netdev=n0 \
	-kernel "$elf" -initrd "$pki/bundle.conf" -append "$cmdline"
