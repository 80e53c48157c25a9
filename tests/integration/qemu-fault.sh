#!/bin/sh
# A deliberate fault (test=fault reads an unmapped address) must be
# reported with the faulting address and a usable backtrace, and end the
# run with the failure status rather than hang.  test=panic checks the
# plain panic path the same way.
. "$(dirname "$0")/lib.sh"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
log=$out/console.log

QEMU_TIMEOUT=60 run_qemu "$log" "test=fault" -smp 2 -m 256
check_eq "qemu-fault: exit status is failure (35), not a hang" "$qemu_status" 35
check_log "qemu-fault: page fault reported" "$log" 'EXCEPTION #PF page fault \(vector 14\) on cpu0'
check_log "qemu-fault: faulting address reported" "$log" 'faulting address \(CR2\): 0x00007ffff0000000 \(not present, read, data\)'
check_log "qemu-fault: registers printed" "$log" '^RAX [0-9a-f]{16} RBX'
check_log "qemu-fault: panic line" "$log" 'PANIC on cpu0: unhandled exception #PF'
# The first backtrace frame must symbolise to the faulting function.
rip=$(sed -n 's/^  #0 0x\([0-9a-f]*\)$/\1/p' "$log" | head -n 1)
where=$(addr2line -f -i -e "$ELF" "0x$rip" 2>/dev/null | head -n 1)
check_eq "qemu-fault: backtrace frame 0 is the faulting function" "$where" "run_fault_test"
check_no_log "qemu-fault: no success verdict" "$log" 'TEST fault: PASS'

QEMU_TIMEOUT=60 run_qemu "$log" "test=panic" -smp 2 -m 256
check_eq "qemu-panic: exit status is failure (35)" "$qemu_status" 35
check_log "qemu-panic: message printed" "$log" 'PANIC on cpu0: panic requested by test=panic'
check_log "qemu-panic: system halted" "$log" 'system halted'
finish
