#!/bin/sh
# The mutually authenticated TLS endpoint (docs/security.md), from the host:
# a PKI made here with openssl (a CA, the server's certificate, an admin and
# a read-only client, a client from another CA, an expired client, a client
# whose CN the bundle does not list), a configuration bundle (max_sessions
# 2, short timeouts, the static address from its "network" line), a PVH
# boot under QEMU with the bundle as -initrd and virtio-net forwarding a
# free host port to the endpoint.  Then every refusal and every admission,
# each one PASS/FAIL line, and the console's record of them.  Finally two
# boots without a usable bundle print exactly what is wrong.
#
# Needs: qemu-system-x86_64, openssl (s_client), python3.  ELF= selects the
# image (default build/unihv.elf); MGMT_TLS_KEEP=1 keeps the work directory
# (PKI, bundle, consoles, s_client outputs).
. "$(dirname "$0")/lib.sh"
out=$(mktemp -d)
emu_pid=
cleanup() {
	[ -n "$emu_pid" ] && kill "$emu_pid" 2>/dev/null
	if [ -n "$MGMT_TLS_KEEP" ]; then echo "kept $out"; else rm -rf "$out"; fi
}
trap cleanup EXIT

HANDSHAKE_MS=5000
IDLE_MS=5000

# ---- PKI --------------------------------------------------------------------
pki() {
	cd "$out" || return 1
	cat >leaf.ext <<-'EOF'
	basicConstraints = critical, CA:FALSE
	keyUsage = critical, digitalSignature
	extendedKeyUsage = clientAuth
	EOF
	cat >server.ext <<-'EOF'
	basicConstraints = critical, CA:FALSE
	keyUsage = critical, digitalSignature
	extendedKeyUsage = serverAuth
	subjectAltName = IP:10.0.2.15, DNS:unihv
	EOF
	for ca in ca otherca; do
		openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
			-keyout $ca.key -out $ca.pem -days 30 -subj "/CN=unihv test $ca" \
			-addext "basicConstraints=critical,CA:TRUE" \
			-addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null || return 1
	done
	# leaf NAME CN CA EXTFILE
	leaf() {
		openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
			-keyout "$1.key" -out "$1.csr" -subj "/CN=$2" 2>/dev/null &&
			openssl x509 -req -in "$1.csr" -CA "$3.pem" -CAkey "$3.key" \
				-CAcreateserial -days 30 -extfile "$4" -out "$1.pem" 2>/dev/null
	}
	leaf server unihv ca server.ext || return 1
	leaf admin admin-cli ca leaf.ext || return 1
	leaf viewer viewer ca leaf.ext || return 1
	leaf foreign admin-cli otherca leaf.ext || return 1 # a listed CN, wrong CA
	leaf unlisted intruder ca leaf.ext || return 1
	# Expired: openssl ca sets explicit dates.
	mkdir -p newcerts && : >index.txt && echo 1000 >serial
	cat >ca.cnf <<-EOF
	[ ca ]
	default_ca = test_ca
	[ test_ca ]
	dir = $out
	database = $out/index.txt
	new_certs_dir = $out/newcerts
	serial = $out/serial
	default_md = sha256
	policy = any
	[ any ]
	commonName = supplied
	EOF
	openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
		-keyout expired.key -out expired.csr -subj "/CN=old-admin" 2>/dev/null &&
		openssl ca -batch -config ca.cnf -cert ca.pem -keyfile ca.key -in expired.csr \
			-out expired.pem -startdate 20200101000000Z -enddate 20200201000000Z \
			-extfile leaf.ext -notext >/dev/null 2>&1 || return 1
	cd - >/dev/null
}

# bundle FILE [extra lines...]: the endpoint's bundle.
bundle() {
	f=$1
	shift
	{
		echo "unihv-config 1"
		echo "# written by tests/integration/mgmt-tls.sh"
		echo "listen_port 7443"
		echo "max_sessions 2"
		echo "handshake_timeout_ms $HANDSHAKE_MS"
		echo "idle_timeout_ms $IDLE_MS"
		echo "network 10.0.2.15/24 gw 10.0.2.2"
		echo "client admin-cli admin"
		echo "client viewer read-only"
		echo "client old-admin admin"
		for line in "$@"; do echo "$line"; done
		echo "begin ca"
		cat "$out/ca.pem"
		echo "end ca"
		echo "begin server_cert"
		cat "$out/server.pem"
		echo "end server_cert"
		echo "begin server_key"
		cat "$out/server.key"
		echo "end server_key"
	} >"$f"
}


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

# console_has NAME PATTERN: the console (so far) has a matching line; waits
# up to 5 s for it.
console_has() {
	i=0
	while [ "$i" -lt 50 ]; do
		if tr -d '\r' <"$log" | grep -Eq -- "$2"; then
			pass "$1"
			return
		fi
		sleep 0.1
		i=$((i + 1))
	done
	fail "$1" "no console line matches /$2/"
}

# tls NAME [s_client options...]: one s_client run against the endpoint,
# output in $out/NAME.txt; the connection stays open for a second.
tls() {
	name=$1
	shift
	(sleep 1) | timeout 60 openssl s_client -connect "127.0.0.1:$port" -brief \
		-CAfile "$out/ca.pem" -verify_return_error "$@" >"$out/$name.txt" 2>&1
	sleep 0.3
}

# refused NAME ALERT-REGEX [s_client options...]: the handshake must fail,
# and the client must have seen the alert (when ALERT-REGEX is not empty).
refused() {
	name=$1
	alert=$2
	shift 2
	tls "$name" "$@"
	if grep -q 'CONNECTION ESTABLISHED' "$out/$name.txt"; then
		fail "mgmt-tls: $name refused" "the handshake completed: $(tr '\n' ' ' <"$out/$name.txt")"
	elif [ -n "$alert" ] && ! grep -Eqi -- "$alert" "$out/$name.txt"; then
		fail "mgmt-tls: $name refused" "no /$alert/ in: $(tr '\n' ' ' <"$out/$name.txt" | cut -c1-300)"
	else
		pass "mgmt-tls: $name refused"
	fi
}

admitted() {
	name=$1
	shift
	tls "$name" "$@"
	if grep -q 'CONNECTION ESTABLISHED' "$out/$name.txt" &&
		grep -q 'Protocol version: TLSv1.2' "$out/$name.txt"; then
		pass "mgmt-tls: $name admitted (TLS 1.2, server certificate verified)"
	else
		fail "mgmt-tls: $name admitted" "$(tr '\n' ' ' <"$out/$name.txt" | cut -c1-300)"
	fi
}

# py CHECK-NAME SCRIPT: a Python client (ssl module) with the PKI at hand;
# prints its own PASS/FAIL lines, returns the number of failures.
py() {
	python3 - "$port" "$out" "$@"
}

if ! pki; then
	fail "mgmt-tls: openssl makes the test PKI" "openssl failed in $out"
	finish
	exit
fi
bundle "$out/bundle"

# ---- the endpoint -------------------------------------------------------------
log=$out/console.log
accel=$("$UNIHV_ROOT/tools/qemu-accel.sh")
for attempt in 1 2 3; do
	port=$(free_port)
	: >"$log"
	timeout 600 qemu-system-x86_64 -M q35 -accel "$accel" -cpu max -smp 2 -m 256 \
		-display none -no-reboot -serial "file:$log" -monitor none \
		-device isa-debug-exit,iobase=0xf4,iosize=4 -kernel "$ELF" -initrd "$out/bundle" \
		-append "" -netdev "user,id=n0,hostfwd=tcp:127.0.0.1:$port-:7443" \
		-device "virtio-net-pci,netdev=n0" </dev/null >"$log.qemu" 2>&1 &
	emu_pid=$!
	wait_for "$log" 'management endpoint listening|management endpoint disabled|boot complete' 60 &&
		break
	kill "$emu_pid" 2>/dev/null
	wait "$emu_pid" 2>/dev/null
	emu_pid=
	grep -q 'hostfwd\|host forwarding' "$log.qemu" || break
done
sleep 0.5
strip_log() { tr -d '\r' <"$log"; }

if [ -n "$emu_pid" ] && strip_log | grep -q 'management endpoint listening'; then
	pass "mgmt-tls: endpoint listening"
	console_has "mgmt-tls: the bundle's network line is used" \
		'net: net0 address 10\.0\.2\.15 .*\(static\)'
	console_has "mgmt-tls: the RTC gives the date" '^.*rtc: 20[0-9][0-9]-'

	refused "no client certificate" 'alert handshake failure' -tls1_2
	console_has "mgmt-tls: console: no client certificate" \
		'refused: TLS handshake failed: the client sent no certificate'

	refused "client certificate from another CA" 'alert unknown ca' -tls1_2 \
		-cert "$out/foreign.pem" -key "$out/foreign.key"
	console_has "mgmt-tls: console: other CA" \
		'refused: TLS handshake failed: client certificate refused: .*not correctly signed'

	refused "expired client certificate" 'alert certificate expired' -tls1_2 \
		-cert "$out/expired.pem" -key "$out/expired.key"
	console_has "mgmt-tls: console: expired" \
		'refused: TLS handshake failed: client certificate refused: .*expired'

	refused "unlisted CN" 'alert access denied' -tls1_2 \
		-cert "$out/unlisted.pem" -key "$out/unlisted.key"
	console_has "mgmt-tls: console: unlisted CN" \
		"refused: TLS handshake failed: client certificate CN 'intruder' is not listed"

	admitted "admin" -tls1_2 -cert "$out/admin.pem" -key "$out/admin.key"
	console_has "mgmt-tls: console: admin connected" \
		"client 'admin-cli' \(admin\) connected, TLSv1\.2 TLS-ECDHE-ECDSA-WITH-"
	admitted "read-only client" -tls1_2 -cert "$out/viewer.pem" -key "$out/viewer.key"
	console_has "mgmt-tls: console: read-only client connected" \
		"client 'viewer' \(read-only\) connected"

	refused "TLS 1.1" 'alert protocol version' -tls1_1 -cipher 'DEFAULT:@SECLEVEL=0' \
		-cert "$out/admin.pem" -key "$out/admin.key"
	console_has "mgmt-tls: console: TLS 1.1" 'refused: TLS handshake failed: refused at the client hello \(alert protocol_version\)'
	refused "TLS 1.3 only" 'alert' -tls1_3 -cert "$out/admin.pem" -key "$out/admin.key"
	refused "CBC (non-AEAD) suite" 'alert handshake failure' -tls1_2 \
		-cipher ECDHE-ECDSA-AES128-SHA256 -cert "$out/admin.pem" -key "$out/admin.key"
	console_has "mgmt-tls: console: no common suite" \
		'refused: TLS handshake failed: refused at the client hello \(alert handshake_failure\)'

	# Sessions over max_sessions (2) are closed at once; the first two then
	# complete their handshakes and an RPC exchange each.
	py <<-'EOF'
	import socket, ssl, struct, sys, time
	port, out = int(sys.argv[1]), sys.argv[2]
	fails = 0
	def report(ok, what, why=""):
	    global fails
	    print(f"PASS: mgmt-tls: {what}" if ok else f"FAIL: mgmt-tls: {what}: {why}")
	    fails += 0 if ok else 1
	def ctx(name):
	    c = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
	    c.check_hostname = False
	    c.load_verify_locations(f"{out}/ca.pem")
	    c.load_cert_chain(f"{out}/{name}.pem", f"{out}/{name}.key")
	    c.maximum_version = ssl.TLSVersion.TLSv1_2
	    return c
	def field(s, f):  # protobuf length-delimited field
	    b = s.encode()
	    return bytes([f << 3 | 2, len(b)]) + b
	def call(t, sid, service, method):
	    body = field(service, 1) + field(method, 2)
	    t.sendall(struct.pack(">IIBB", len(body), sid, 1, 0) + body)
	    hdr = b""
	    while len(hdr) < 10:
	        c = t.recv(10 - len(hdr))
	        if not c:
	            raise OSError("connection closed before a response")
	        hdr += c
	    length, rsid, typ, _ = struct.unpack(">IIBB", hdr)
	    body = b""
	    while len(body) < length:
	        c = t.recv(length - len(body))
	        if not c:
	            raise OSError("connection closed inside a response")
	        body += c
	    code = 0  # Response.status (1) -> Status.code (1)
	    if body[:1] == b"\x0a":
	        st = body[2:2 + body[1]]
	        if st[:1] == b"\x08":
	            code = st[1]
	    return rsid, typ, code
	held = [socket.create_connection(("127.0.0.1", port), timeout=30) for _ in range(2)]
	time.sleep(0.5)
	extra = socket.create_connection(("127.0.0.1", port), timeout=30)
	try:
	    extra.settimeout(10)
	    got = extra.recv(1)
	    report(got == b"", "a third session (max_sessions 2) is closed at once", f"got {got!r}")
	except OSError as e:
	    report(isinstance(e, ConnectionResetError), "a third session (max_sessions 2) is closed at once", repr(e))
	extra.close()
	tl = []
	for i, (sock, name) in enumerate(zip(held, ["admin", "viewer"])):
	    try:
	        t = ctx(name).wrap_socket(sock)
	        tl.append(t)
	        report(t.version() == "TLSv1.2", f"held session {i + 1} ({name}) completes its handshake after the refusal", t.version())
	    except OSError as e:
	        tl.append(None)
	        report(False, f"held session {i + 1} ({name}) completes its handshake after the refusal", repr(e))
	if tl[0]:
	    try:
	        sid, typ, code = call(tl[0], 1, "unihv.v1.Host", "Version")
	        report(sid == 1 and typ == 2 and code == 0, "admin: Host/Version answered OK over TLS", f"stream {sid} type {typ} code {code}")
	    except OSError as e:
	        report(False, "admin: Host/Version answered OK over TLS", repr(e))
	if tl[1]:
	    try:
	        sid, typ, code = call(tl[1], 1, "unihv.v1.Partition", "Delete")
	        report(sid == 1 and typ == 2 and code == 7, "read-only: Partition/Delete is PERMISSION_DENIED", f"stream {sid} type {typ} code {code}")
	    except OSError as e:
	        report(False, "read-only: Partition/Delete is PERMISSION_DENIED", repr(e))
	for t in tl:
	    if t:
	        t.close()
	sys.exit(min(fails, 100))
	EOF
	failures=$((failures + $?))
	console_has "mgmt-tls: console: the session over the cap" \
		'refused: 2 sessions already \(max_sessions 2\)'

	# Timeouts: a TCP connection without a handshake, and an idle session.
	sleep 1
	py "$HANDSHAKE_MS" "$IDLE_MS" <<-'EOF'
	import socket, ssl, sys, time
	port, out, hs_ms, idle_ms = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
	fails = 0
	def report(ok, what, why=""):
	    global fails
	    print(f"PASS: mgmt-tls: {what}" if ok else f"FAIL: mgmt-tls: {what}: {why}")
	    fails += 0 if ok else 1
	def closed_after(sock, limit):
	    t0 = time.monotonic()
	    sock.settimeout(limit)
	    try:
	        while sock.recv(4096):
	            pass
	    except (ConnectionResetError, ssl.SSLError):
	        pass
	    except socket.timeout:
	        return None
	    return time.monotonic() - t0
	raw = socket.create_connection(("127.0.0.1", port), timeout=30)
	dt = closed_after(raw, hs_ms / 1000 + 10)
	report(dt is not None and dt >= hs_ms / 1000 - 0.5, f"no handshake within {hs_ms} ms: closed", f"closed after {dt}")
	c = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
	c.check_hostname = False
	c.load_verify_locations(f"{out}/ca.pem")
	c.load_cert_chain(f"{out}/admin.pem", f"{out}/admin.key")
	t = c.wrap_socket(socket.create_connection(("127.0.0.1", port), timeout=30))
	dt = closed_after(t, idle_ms / 1000 + 10)
	report(dt is not None and dt >= idle_ms / 1000 - 0.5, f"idle for {idle_ms} ms: closed", f"closed after {dt}")
	sys.exit(min(fails, 100))
	EOF
	failures=$((failures + $?))
	console_has "mgmt-tls: console: handshake timeout" "refused: no TLS handshake within $HANDSHAKE_MS ms"
	console_has "mgmt-tls: console: idle timeout" "'admin-cli' idle for $IDLE_MS ms"
	console_has "mgmt-tls: console: sessions end with a reason" \
		"session of 'admin-cli' ended: idle timeout"
else
	fail "mgmt-tls: endpoint listening" "$(strip_log | grep 'mgmt:' | tail -n 3) $(tail -n 3 "$log.qemu")"
fi
if [ -n "$emu_pid" ]; then
	kill "$emu_pid" 2>/dev/null
	wait "$emu_pid" 2>/dev/null
	emu_pid=
fi
strip_cr "$log"
check_no_log "mgmt-tls: no exception or panic" "$log" 'EXCEPTION|PANIC|BUG|assertion'
[ "$failures" -eq 0 ] || { echo "--- console:"; grep -E 'mgmt|net:|rtc' "$log"; }

# ---- boots without a usable bundle -------------------------------------------
# boot_check NAME MESSAGE [qemu args...]: test=boot, the console line.
boot_check() {
	name=$1
	msg=$2
	shift 2
	QEMU_TIMEOUT=120 run_qemu "$out/$name.log" "test=boot" "$@"
	if grep -Fq -- "$msg" "$out/$name.log"; then
		pass "mgmt-tls: $name: console says '$msg'"
	else
		fail "mgmt-tls: $name" "no line '$msg': $(grep 'mgmt' "$out/$name.log" | head -n 2)"
	fi
	check_log "mgmt-tls: $name: the boot completes" "$out/$name.log" '^TEST boot: PASS|boot complete'
}
boot_check "no bundle" "mgmt: no configuration bundle (boot module) — management endpoint disabled"
sed 's/^client viewer read-only$/client viewer root/' "$out/bundle" >"$out/bad-role"
boot_check "unknown role" "mgmt: bundle line 9: unknown role 'root'" -initrd "$out/bad-role"
sed '/^begin server_key$/,/^end server_key$/d' "$out/bundle" >"$out/no-key"
boot_check "no server_key" "mgmt: bundle has no server_key" -initrd "$out/no-key"
finish
