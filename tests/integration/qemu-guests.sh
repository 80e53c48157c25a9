#!/bin/sh
# The test image under QEMU TCG, which has no VMX: partitions and memory
# still work and every VMX operation fails with a clear status (novmx);
# every VT-x test reports SKIP, none may crash the image.
. "$(dirname "$0")/lib.sh"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
ELF=${TEST_ELF:-$UNIHV_ROOT/build/unihv-test.elf}
log=$out/console.log

run_qemu "$log" "test=guests" -smp 2 -m 256
check_eq "qemu-guests: exit status is success (33)" "$qemu_status" 33
check_log "qemu-guests: novmx passes" "$log" '^GUEST-TEST novmx: PASS$'
check_log "qemu-guests: mgmt_novmx passes" "$log" '^GUEST-TEST mgmt_novmx: PASS$'
check_log "qemu-guests: VT-x tests are skipped, not run" "$log" '^GUEST-TEST io: SKIP \(needs VMX\)$'
check_log "qemu-guests: run verdict" "$log" '^TEST guests: PASS$'
check_no_log "qemu-guests: no exception or panic" "$log" 'EXCEPTION|PANIC|BUG'
finish
