#!/bin/sh
# TCP echo through every NIC driver: boot the image with test=echo (the
# echo service on port 7, docs/network.md), forward a random free host port
# to it, and check from the host that payloads of 1 byte to 64 KiB come
# back byte-identical.
#   QEMU TCG: virtio-net-pci (transitional, legacy interface; DHCP),
#             virtio-net-pci,disable-legacy=on (modern; static address),
#             e1000 (DHCP)
#   Bochs:    e1000 with slirp (static address)
# The image ends the run itself after echo_conns=N connections (its verdict
# is "TEST echo: PASS"); a run that does not end is killed by process id.
# Halfway through, echo_restart=K makes the image reset and re-initialise
# the NIC between two connections: the later payloads check that the
# driver's restart path (the one a misbehaving device takes) works.
# NET_ECHO_QEMU=0 skips the QEMU cases, NET_ECHO_BOCHS=0 the Bochs case.
. "$(dirname "$0")/lib.sh"
out=$(mktemp -d)
emu_pid=
cleanup() {
	[ -n "$emu_pid" ] && kill "$emu_pid" 2>/dev/null
	rm -rf "$out"
}
trap cleanup EXIT

# One connection per size, plus one connection of 200 64-byte round trips.
SIZES="1 2 63 64 1459 1460 1461 2920 4096 16384 65535 65536"
CONNS=$(($(echo $SIZES | wc -w) + 1))
ECHO="test=echo echo_conns=$CONNS echo_restart=$((CONNS / 2))"
STATIC="ip=10.0.2.15/24 gw=10.0.2.2"

# A free TCP port on 127.0.0.1, chosen at random.

# wait_for FILE PATTERN SECONDS: until FILE has a line matching PATTERN,
# the emulator ($emu_pid) ended, or time ran out.  0 when the line came.
wait_for() {
	i=0
	while [ "$i" -lt $(($3 * 10)) ]; do
		grep -Eq -- "$2" "$1" 2>/dev/null && return 0
		kill -0 "$emu_pid" 2>/dev/null || return 1
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# wait_exit SECONDS: wait for the emulator to end; kill it when it does
# not.  Sets emu_status (124 when killed).
wait_exit() {
	i=0
	while kill -0 "$emu_pid" 2>/dev/null && [ "$i" -lt $(($1 * 10)) ]; do
		sleep 0.1
		i=$((i + 1))
	done
	if kill -0 "$emu_pid" 2>/dev/null; then
		kill "$emu_pid" 2>/dev/null
		wait "$emu_pid" 2>/dev/null
		emu_status=124
	else
		wait "$emu_pid"
		emu_status=$?
	fi
	emu_pid=
}

# client NAME PORT: the host side.  Prints a PASS/FAIL line per payload;
# returns the number of failures.
client() {
	python3 - "$1" "$2" "$SIZES" <<'EOF'
import random, socket, statistics, sys, threading, time
name, port, sizes = sys.argv[1], int(sys.argv[2]), [int(s) for s in sys.argv[3].split()]
failures = 0

def report(ok, what, why=""):
    global failures
    if ok:
        print(f"PASS: net-echo {name}: {what}")
    else:
        failures += 1
        print(f"FAIL: net-echo {name}: {what}: {why}")

def connect():
    return socket.create_connection(("127.0.0.1", port), timeout=60)

def echo(size):
    data = random.Random(size).randbytes(size)
    s = connect()
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    def send():
        s.sendall(data)
        s.shutdown(socket.SHUT_WR)
    t = threading.Thread(target=send)
    t.start()
    got = bytearray()
    while True:
        chunk = s.recv(65536)
        if not chunk:
            break
        got += chunk
    t.join()
    s.close()
    if bytes(got) == data:
        return None
    if len(got) != size:
        return f"{len(got)} bytes came back"
    first = next(i for i in range(size) if got[i] != data[i])
    return f"bytes differ from offset {first}"

for size in sizes:
    try:
        why = echo(size)
    except OSError as e:
        why = f"{type(e).__name__}: {e}"
    report(why is None, f"{size} bytes echoed identically", why)

# Latency: 200 round trips of 64 bytes on one connection.
try:
    s = connect()
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    times, why = [], None
    for i in range(200):
        msg = bytes([i & 255]) * 64
        t0 = time.perf_counter()
        s.sendall(msg)
        got = b""
        while len(got) < 64:
            chunk = s.recv(64 - len(got))
            if not chunk:
                break
            got += chunk
        times.append(time.perf_counter() - t0)
        if got != msg:
            why = f"round trip {i} returned {got[:8]!r}..."
            break
    s.shutdown(socket.SHUT_WR)
    rest = s.recv(1)
    s.close()
    if why is None and rest:
        why = "data after the last round trip"
except OSError as e:
    why = f"{type(e).__name__}: {e}"
report(why is None, "200 round trips of 64 bytes", why)
if times and why is None:
    times.sort()
    print(f"net-echo {name}: 64-byte round trip p50 {statistics.median(times) * 1e6:.0f} us, "
          f"p99 {times[int(len(times) * 0.99) - 1] * 1e6:.0f} us")
sys.exit(min(failures, 100))
EOF
}

# check_run NAME LOG DRIVER: the image's side of one run.
check_run() {
	strip_cr "$2"
	check_log "net-echo $1: driver is $3" "$2" "net0: $(echo "$3" | sed 's/[()]/\\&/g') "
	check_log "net-echo $1: image verdict" "$2" '^TEST echo: PASS'
	check_log "net-echo $1: NIC restarted between connections" "$2" 'net0: restarted$'
	check_log "net-echo $1: no NIC reset" "$2" 'resets 0$'
	check_no_log "net-echo $1: no exception or panic" "$2" 'EXCEPTION|PANIC|BUG'
	if [ "$failures" -ne 0 ]; then
		echo "--- $1 console:"
		cat "$2"
	fi
}

# qemu_case NAME CMDLINE DEVICE DRIVER
qemu_case() {
	name=$1
	log=$out/$name.log
	accel=$("$UNIHV_ROOT/tools/qemu-accel.sh")
	for attempt in 1 2 3; do
		port=$(free_port)
		: >"$log"
		timeout 300 qemu-system-x86_64 -M q35 -accel "$accel" -cpu max -smp 2 -m 256 \
			-display none -no-reboot -serial "file:$log" -monitor none \
			-device isa-debug-exit,iobase=0xf4,iosize=4 -kernel "$ELF" \
			-append "$ECHO $2" \
			-netdev "user,id=n0,hostfwd=tcp:127.0.0.1:$port-:7" -device "$3,netdev=n0" \
			</dev/null >"$log.qemu" 2>&1 &
		emu_pid=$!
		wait_for "$log" 'echo service listening|^TEST echo' 60 && break
		wait_exit 1
		# Someone took the port between the check and QEMU's bind: retry.
		grep -q 'hostfwd\|host forwarding' "$log.qemu" || break
	done
	if [ -n "$emu_pid" ] && grep -q 'echo service listening' "$log"; then
		client "$name" "$port"
		failures=$((failures + $?))
	else
		fail "net-echo $name: echo service starts" "$(tail -n 3 "$log.qemu" "$log")"
	fi
	if [ -n "$emu_pid" ]; then
		wait_exit 30
	fi
	check_eq "net-echo $name: QEMU exits with success (33)" "$emu_status" 33
	check_run "$name" "$log" "$4"
}

if [ "${NET_ECHO_QEMU:-1}" != 0 ]; then
	qemu_case virtio-legacy "" virtio-net-pci 'virtio-net (legacy)'
	qemu_case virtio-modern "$STATIC" virtio-net-pci,disable-legacy=on 'virtio-net (modern)'
	qemu_case e1000 "" e1000 e1000
fi

# Bochs: its e1000 and slirp; the ISO boots through GRUB.
if [ "${NET_ECHO_BOCHS:-1}" != 0 ]; then
	name=bochs-e1000
	"$UNIHV_ROOT/tools/mkiso.sh" "$ELF" "$out/echo.iso" "$ECHO $STATIC"
	port=$(free_port)
	mkdir -p "$out/bochs"
	: >"$out/bochs/com1.out"
	UNIHV_CPUS=1 UNIHV_MEM=128 UNIHV_BOCHS_IPS=10000000 UNIHV_BOCHS_TIMEOUT=300 \
		UNIHV_PORT=$port UNIHV_GUEST_PORT=7 \
		"$UNIHV_ROOT/tools/run-bochs.sh" "$out/echo.iso" "$out/bochs" >/dev/null 2>&1 &
	emu_pid=$!
	log=$out/bochs/com1.out
	if wait_for "$log" 'echo service listening' 240; then
		client "$name" "$port"
		failures=$((failures + $?))
	else
		fail "net-echo $name: echo service starts" "$(tail -n 3 "$log")"
	fi
	# run-bochs.sh waits for `timeout ... bochs`: stop that child, if
	# the image did not end the run itself.
	i=0
	while kill -0 "$emu_pid" 2>/dev/null && [ "$i" -lt 600 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	for child in $(pgrep -P "$emu_pid" 2>/dev/null); do
		kill "$child" 2>/dev/null
	done
	wait "$emu_pid" 2>/dev/null
	emu_pid=
	check_run "$name" "$log" e1000
fi
finish
