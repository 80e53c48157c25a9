#!/bin/sh
# Every test suite of unihv, in order of speed.  Each suite prints one line
# per check ("PASS: ..." / "FAIL: ...", or TAP "ok"/"not ok" for the unit
# tests); this script counts them and ends with "N passed, N failed".
# UNIHV_TESTS="unit qemu" runs a subset (suites: build unit nix qemu net
# mgmt bochs repro).
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
suites=${UNIHV_TESTS:-build unit nix qemu net mgmt bochs repro}
log=$(mktemp)
trap 'rm -f "$log"' EXIT
passed=0
failed=0

count() {
	p=$(grep -Ec '^(PASS: |ok [0-9])' "$log")
	f=$(grep -Ec '^(FAIL: |not ok [0-9])' "$log")
	passed=$((passed + p))
	failed=$((failed + f))
}

# run_suite NAME COMMAND...: show the suite's output, count its checks, and
# count one failure if it exits non-zero without reporting a failed check.
run_suite() {
	name=$1
	shift
	echo "=== $name"
	start=$(date +%s)
	"$@" >"$log" 2>&1
	status=$?
	cat "$log"
	count
	if [ "$status" -ne 0 ] && ! grep -Eq '^(FAIL: |not ok [0-9])' "$log"; then
		echo "FAIL: $name: exited with status $status"
		failed=$((failed + 1))
	fi
	echo "=== $name: $(($(date +%s) - start)) s"
}

unit_tests() {
	make -s unit-build || return 1
	status=0
	for t in $(make -s print-unit-tests); do
		CMOCKA_MESSAGE_OUTPUT=TAP "$t" || status=1
	done
	return $status
}

build_image() {
	if make -s all test-image thirdparty tools; then
		echo "PASS: build: image, test image, hvctl, musl subset, lwIP, mbedTLS and nanopb compile"
	else
		echo "FAIL: build: make all thirdparty failed"
		return 1
	fi
}

for s in $suites; do
	case $s in
	build) run_suite build build_image ;;
	unit)
		run_suite unit unit_tests
		run_suite proto-services tests/integration/proto-services.py
		;;
	nix) run_suite nix tests/nix/check-nix.sh ;;
	qemu)
		run_suite qemu-boot tests/integration/qemu-boot.sh
		run_suite qemu-fault tests/integration/qemu-fault.sh
		run_suite qemu-guests tests/integration/qemu-guests.sh
		;;
	net) run_suite net-echo tests/integration/net-echo.sh ;;
	mgmt)
		run_suite mgmt-tls tests/integration/mgmt-tls.sh
		run_suite mgmt-session tests/integration/mgmt-session.sh
		run_suite mgmt-bochs tests/integration/mgmt-bochs.sh
		;;
	bochs)
		run_suite bochs-boot tests/integration/bochs-boot.sh
		run_suite bochs-guests tests/integration/bochs-guests.sh
		;;
	repro) run_suite reproducible tests/integration/reproducible.sh ;;
	*) echo "FAIL: unknown suite $s"; failed=$((failed + 1)) ;;
	esac
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
