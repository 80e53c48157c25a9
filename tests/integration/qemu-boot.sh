#!/bin/sh
# Boot under QEMU (TCG, 2 CPUs, 256 MiB) with the in-image boot self test
# and check the console milestones.
. "$(dirname "$0")/lib.sh"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
log=$out/console.log

run_qemu "$log" "test=boot" -smp 2 -m 256 -netdev user,id=n0 -device virtio-net-pci,netdev=n0
check_eq "qemu-boot: exit status is success (33)" "$qemu_status" 33
check_log "qemu-boot: self test passes" "$log" '^TEST boot: PASS$'
check_log "qemu-boot: loader is PVH" "$log" 'booting: loader PVH'
check_log "qemu-boot: cpu1 reports online" "$log" 'cpu1 info: cpu1 online \(APIC ID 1\)'
check_log "qemu-boot: 2 of 2 CPUs online" "$log" 'smp: 2 of 2 CPUs online'
check_log "qemu-boot: both CPUs' timers tick" "$log" 'cpu1 timer ticks in 200 ms: [0-9]+'
# -m 256: usable RAM is 256 MiB less the firmware's holes (< 1 MiB).
kib=$(sed -n 's/.*memory: \([0-9]*\) KiB usable.*/\1/p' "$log")
check_range "qemu-boot: usable memory matches -m 256 (KiB)" "$kib" $((255 * 1024)) $((256 * 1024))
check_log "qemu-boot: banner" "$log" 'unihv [0-9.]+ \([0-9a-f]+|unknown\): 2 CPUs online, 256 MiB memory, VMX not available'
check_log "qemu-boot: VMX reported absent" "$log" 'VMX: not available \(CPU does not report VMX\)'
check_log "qemu-boot: virtio-net found on PCI" "$log" 'pci 00:0[0-9a-f]\.0 1af4:1000 class 02\.00\.00 ethernet'
check_no_log "qemu-boot: no exception or panic" "$log" 'EXCEPTION|PANIC|BUG'

# 4 CPUs and 512 MiB: the counts follow what the emulator is given.
run_qemu "$log" "test=boot" -smp 4 -m 512
check_eq "qemu-boot-4cpu: exit status is success" "$qemu_status" 33
check_log "qemu-boot-4cpu: 4 of 4 CPUs online" "$log" 'smp: 4 of 4 CPUs online'
kib=$(sed -n 's/.*memory: \([0-9]*\) KiB usable.*/\1/p' "$log")
check_range "qemu-boot-4cpu: usable memory matches -m 512 (KiB)" "$kib" $((511 * 1024)) $((512 * 1024))
finish
