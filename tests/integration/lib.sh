# Shared helpers for the integration tests.  Each check prints one line,
# "PASS: name" or "FAIL: name: why"; tests/run-all.sh counts them.
# Sourced, not executed.

UNIHV_ROOT=$(cd "$(dirname "$0")/../.." && pwd)
ELF=${ELF:-$UNIHV_ROOT/build/unihv.elf}
failures=0

pass() { echo "PASS: $1"; }
fail() { echo "FAIL: $1: $2"; failures=$((failures + 1)); }

# check NAME FILE PATTERN: FILE has a line matching the extended regex.
check_log() {
	if grep -Eq -- "$3" "$2"; then pass "$1"; else fail "$1" "no line matches /$3/"; fi
}

# check_no_log NAME FILE PATTERN: no line matches.
check_no_log() {
	if grep -Eq -- "$3" "$2"; then
		fail "$1" "unexpected: $(grep -E -m1 -- "$3" "$2")"
	else
		pass "$1"
	fi
}

check_eq() {
	if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "expected '$3', got '$2'"; fi
}

# check_range NAME VALUE LO HI (integers, inclusive)
check_range() {
	if [ -n "$2" ] && [ "$2" -ge "$3" ] && [ "$2" -le "$4" ]; then
		pass "$1"
	else
		fail "$1" "value '$2' not in [$3, $4]"
	fi
}

# run_qemu LOG CMDLINE [extra qemu args...]: boot the image under QEMU
# (accelerator chosen by tools/qemu-accel.sh), console to LOG; sets
# qemu_status.  A run that does not end within QEMU_TIMEOUT seconds is
# killed (status 124).
run_qemu() {
	log=$1
	cmdline=$2
	shift 2
	accel=$("$UNIHV_ROOT/tools/qemu-accel.sh")
	qemu_status=0
	timeout "${QEMU_TIMEOUT:-60}" qemu-system-x86_64 -M q35 -accel "$accel" -cpu max \
		-display none -no-reboot -serial "file:$log" -monitor none \
		-device isa-debug-exit,iobase=0xf4,iosize=4 \
		-kernel "$ELF" -append "$cmdline" "$@" </dev/null >"$log.qemu" 2>&1 || qemu_status=$?
	strip_cr "$log"
}

# The serial console ends lines with CR LF.
strip_cr() {
	[ -f "$1" ] || : >"$1"
	tr -d '\r' <"$1" >"$1.tmp" && mv "$1.tmp" "$1"
}

finish() { [ "$failures" -eq 0 ]; }

# free_port: print a TCP port on 127.0.0.1 that nothing listens on now
# (a random one, so that parallel runs rarely collide).
free_port() {
	/usr/bin/python3 -c '
import random, socket
for _ in range(100):
    p = random.randint(20000, 60000)
    s = socket.socket()
    try:
        s.bind(("127.0.0.1", p))
    except OSError:
        continue
    finally:
        s.close()
    print(p)
    break
'
}
