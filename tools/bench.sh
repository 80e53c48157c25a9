#!/bin/sh
# Hypervisor path lengths under Bochs (the TSC counts instructions there):
# boots the test image with test=bench and prints its BENCH lines.
#   tools/bench.sh [TEST_ELF]
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
elf=${1:-$root/build/unihv-test.elf}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$root/tools/mkiso.sh" "$elf" "$out/bench.iso" "test=bench"
UNIHV_CPUS=2 UNIHV_MEM=256 UNIHV_BOCHS_TIMEOUT=300 UNIHV_PORT=0 \
	"$root/tools/run-bochs.sh" "$out/bench.iso" "$out/run" >/dev/null 2>&1
tr -d '\r' < "$out/run/com1.out" > "$out/console"
echo "unihv bench: Bochs $(bochs --help 2>&1 | sed -n 's/.*Bochs x86 Emulator \([0-9.]*\).*/\1/p' | head -n1), cpu model corei7_skylake_x, 2 CPUs, ips=50000000"
grep '^BENCH' "$out/console" || { echo "bench: no results"; tail -n 20 "$out/console"; exit 1; }
grep -q '^TEST bench: PASS' "$out/console"
