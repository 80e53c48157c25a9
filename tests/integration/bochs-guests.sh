#!/bin/sh
# Guest tests under Bochs (VT-x): boot the test image with test=guests and
# report every GUEST-TEST verdict line as a check.  GUESTS=a,b limits the
# run to some tests.
. "$(dirname "$0")/lib.sh"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
TEST_ELF=${TEST_ELF:-$UNIHV_ROOT/build/unihv-test.elf}

cmdline="test=guests${GUESTS:+ guests=$GUESTS}"
"$UNIHV_ROOT/tools/mkiso.sh" "$TEST_ELF" "$out/test.iso" "$cmdline"
UNIHV_CPUS=2 UNIHV_MEM=256 UNIHV_BOCHS_TIMEOUT=${BOCHS_TIMEOUT:-900} UNIHV_PORT=0 \
	"$UNIHV_ROOT/tools/run-bochs.sh" "$out/test.iso" "$out/run" >/dev/null 2>&1
log=$out/run/com1.out
strip_cr "$log"
grep -E '^GUEST-TEST ' "$log" | sed -e 's/^GUEST-TEST \([^:]*\): PASS$/PASS: bochs-guest \1/' \
	-e 's/^GUEST-TEST \([^:]*\): FAIL (\(.*\))$/FAIL: bochs-guest \1: \2/' \
	-e 's/^GUEST-TEST \([^:]*\): SKIP (\(.*\))$/SKIP: bochs-guest \1: \2/'
check_log "bochs-guests: the run completes with a verdict" "$log" '^TEST guests: (PASS|FAIL)'
check_log "bochs-guests: all guest tests pass" "$log" '^TEST guests: PASS'
check_no_log "bochs-guests: no hypervisor exception or panic" "$log" 'EXCEPTION|PANIC|BUG'
if [ "$failures" -ne 0 ] || grep -q '^FAIL' "$log"; then
	echo "--- console:"; cat "$log"
fi
finish
