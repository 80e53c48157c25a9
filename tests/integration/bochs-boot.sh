#!/bin/sh
# Boot the GRUB ISO under Bochs (corei7_skylake_x, 2 CPUs, e1000) and
# check the console milestones, VMX detection included.
. "$(dirname "$0")/lib.sh"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

"$UNIHV_ROOT/tools/mkiso.sh" "$ELF" "$out/unihv.iso" "test=boot"
UNIHV_CPUS=2 UNIHV_MEM=256 UNIHV_BOCHS_TIMEOUT=300 UNIHV_PORT=0 \
	"$UNIHV_ROOT/tools/run-bochs.sh" "$out/unihv.iso" "$out/run" >/dev/null 2>&1
log=$out/run/com1.out
strip_cr "$log"
check_log "bochs-boot: self test passes" "$log" '^TEST boot: PASS'
check_log "bochs-boot: loader is GRUB multiboot2" "$log" 'booting: loader GRUB'
check_log "bochs-boot: cpu1 reports online" "$log" 'cpu1 info: cpu1 online'
check_log "bochs-boot: 2 of 2 CPUs online" "$log" 'smp: 2 of 2 CPUs online'
kib=$(sed -n 's/.*memory: \([0-9]*\) KiB usable.*/\1/p' "$log")
check_range "bochs-boot: usable memory matches megs: 256 (KiB)" "$kib" $((255 * 1024)) $((256 * 1024))
check_log "bochs-boot: VMX available" "$log" 'VMX: available'
check_log "bochs-boot: banner" "$log" '2 CPUs online, 256 MiB memory, VMX available'
check_log "bochs-boot: x2APIC used" "$log" 'lapic: x2APIC mode'
check_log "bochs-boot: e1000 found on PCI" "$log" '8086:100e class 02\.00\.00 ethernet'
check_no_log "bochs-boot: no exception or panic" "$log" 'EXCEPTION|PANIC|BUG'
if [ "$failures" -ne 0 ]; then
	echo "--- bochs console:"; cat "$log"; echo "--- bochs log tail:"; tail -n 20 "$out/run/bochs.log" 2>/dev/null
fi
finish
