#!/bin/sh
# Boot the image in QEMU with the serial console on this terminal and a
# virtio-net device whose management port is forwarded to the host.
#   tools/run-qemu.sh ELF "COMMAND LINE"
# Environment: UNIHV_MEM (MiB, 256), UNIHV_CPUS (2), UNIHV_PORT (host port
# for the management endpoint, 7443), UNIHV_ACCEL (kvm|tcg, detected).
set -eu
elf=${1:?usage: run-qemu.sh ELF [CMDLINE]}
cmdline=${2:-}
here=$(dirname "$0")
accel=$("$here/qemu-accel.sh")
port=${UNIHV_PORT:-7443}
echo "run-qemu: accel=$accel, ${UNIHV_CPUS:-2} CPUs, ${UNIHV_MEM:-256} MiB, management port 127.0.0.1:$port (Ctrl-A X quits)" >&2
exec qemu-system-x86_64 -M q35 -accel "$accel" -cpu max -smp "${UNIHV_CPUS:-2}" -m "${UNIHV_MEM:-256}" \
	-display none -no-reboot -serial mon:stdio \
	-device isa-debug-exit,iobase=0xf4,iosize=4 \
	-netdev "user,id=n0,hostfwd=tcp:127.0.0.1:$port-:7443" -device virtio-net-pci,netdev=n0 \
	-kernel "$elf" -append "$cmdline"
