#!/bin/sh
# The management plane end to end: hvctl pki init into a temporary
# directory, the image booted under QEMU TCG with that bundle as its boot
# module (-initrd) and virtio-net with the endpoint's port forwarded to a
# random free host port, then a scripted hvctl session over mutually
# authenticated TLS: Host (status, version, capability, audit: every
# mutating call recorded with client admin-cli, refused ones too),
# Partition (create, set-prop, get-prop, setup, list, delete), Memory
# (deposit, balance, withdraw; translate refused), Vp/Create; the read-only
# client (CN=viewer) refused Partition/Create with PERMISSION_DENIED and a
# non-zero exit status while its Status works; the malformed-frame battery
# of ttrpc_fuzz.py; a normal status afterwards.
# Setup, MapGpaRange and the GPA data path work without VT-x: the script
# maps 128 KiB, writes 100000 random bytes with "gpa write --file" (two
# 64 KiB chunks), reads them back and compares them byte for byte, then
# unmaps; Port create/connect/delete between two partitions; under QEMU
# TCG (no VMX) Vp/Create is refused with UNIHV_E_NO_VIRTUALIZATION.
# Needs build/unihv.elf and build/tools/hvctl (make && make tools).
. "$(dirname "$0")/lib.sh"
HVCTL=${HVCTL:-$UNIHV_ROOT/build/tools/hvctl}
PY=/usr/bin/python3
out=$(mktemp -d)
qemu_pid=
cleanup() {
	if [ -n "$qemu_pid" ]; then
		kill "$qemu_pid" 2>/dev/null
		wait "$qemu_pid" 2>/dev/null
	fi
	rm -rf "$out"
}
trap cleanup EXIT
T="mgmt-session"

if [ ! -f "$ELF" ] || [ ! -x "$HVCTL" ]; then
	fail "$T: build" "needs $ELF and $HVCTL (make && make tools)"
	exit 1
fi

# ---- PKI and bundle -------------------------------------------------------
pki=$out/pki
if "$HVCTL" pki init --dir "$pki" >"$out/pki.log" 2>&1 && [ -f "$pki/bundle.conf" ]; then
	pass "$T: pki init"
else
	fail "$T: pki init" "$(tail -3 "$out/pki.log")"
	exit 1
fi
expected='unihv-config 1
listen_port 7443
max_sessions 8
handshake_timeout_ms 10000
idle_timeout_ms 300000
network dhcp
client admin-cli admin
client viewer read-only
begin ca'
check_eq "$T: bundle header" "$(head -9 "$pki/bundle.conf")" "$expected"

# ---- boot -----------------------------------------------------------------
port=$(free_port)
log=$out/console.log
accel=$("$UNIHV_ROOT/tools/qemu-accel.sh")
qemu-system-x86_64 -M q35 -accel "$accel" -cpu max -smp 2 -m 256 \
	-display none -no-reboot -serial "file:$log" -monitor none \
	-device isa-debug-exit,iobase=0xf4,iosize=4 \
	-netdev "user,id=n0,hostfwd=tcp:127.0.0.1:$port-:7443" -device virtio-net-pci,netdev=n0 \
	-kernel "$ELF" -initrd "$pki/bundle.conf" </dev/null >"$out/qemu.out" 2>&1 &
qemu_pid=$!

# Until the endpoint reports it listens (or QEMU ends, or 180 s pass).
i=0
listening=0
while [ $i -lt 1800 ]; do
	if grep -q "management endpoint listening" "$log" 2>/dev/null; then
		listening=1
		break
	fi
	kill -0 "$qemu_pid" 2>/dev/null || break
	sleep 0.1
	i=$((i + 1))
done
if [ $listening = 1 ]; then
	pass "$T: endpoint listening"
else
	fail "$T: endpoint listening" "no 'management endpoint listening' line; console: $(tr -d '\r' <"$log" | tail -5 | tr '\n' '|')"
	exit 1
fi

# ---- the session -------------------------------------------------------------
# hv [hvctl args]: runs hvctl as admin-cli; $out/o and $out/e hold its
# stdout and stderr, $st its exit status.
hv() {
	"$HVCTL" -c "127.0.0.1:$port" --pki "$pki" --timeout 60000 "$@" >"$out/o" 2>"$out/e"
	st=$?
}
# jq_ EXPR: a Python expression over the JSON document d in $out/o.
jq_() {
	$PY -c 'import json, sys; d = json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' \
		"$out/o" "$1" 2>/dev/null
}
# ok NAME: the last call succeeded.
ok() {
	if [ "$st" = 0 ]; then pass "$T: $1"; else fail "$T: $1" "exit $st: $(cat "$out/e" "$out/o" | head -3)"; fi
}
# refused NAME PATTERN: the last call failed and its error mentions PATTERN.
refused() {
	if [ "$st" != 0 ] && grep -Eq -- "$2" "$out/e" "$out/o"; then
		pass "$T: $1"
	else
		fail "$T: $1" "exit $st, expected an error matching /$2/: $(cat "$out/e" "$out/o" | head -3)"
	fi
}

# The first connection may race the endpoint's start: retry status briefly.
i=0
while :; do
	hv status
	[ "$st" = 0 ] || [ $i -ge 10 ] && break
	sleep 1
	i=$((i + 1))
done
ok "status (human)"
check_log "$T: status shows the version" "$out/o" "^version +$(cat "$UNIHV_ROOT/VERSION")"

hv --json status
ok "status --json"
virt=$(jq_ 'd["result"]["virtualization"]')
if [ "$accel" = tcg ]; then
	check_eq "$T: status: no virtualization under TCG" "$virt" "False"
fi
check_eq "$T: status: 2 CPUs online" "$(jq_ 'd["result"]["cpus_online"]')" "2"

hv --json version
ok "version"
check_eq "$T: version matches VERSION" "$(jq_ 'd["result"]["version"]')" "$(cat "$UNIHV_ROOT/VERSION")"
check_eq "$T: api_version 1" "$(jq_ 'd["result"]["api_version"]')" "1"

hv --json capability hypervisor-present
ok "capability hypervisor-present"

hv --json partition create
ok "partition create"
pid=$(jq_ 'd["result"]["partition_id"]')
check_range "$T: partition id" "${pid:-0}" 1 1000000

hv partition set-prop "$pid" cpu-weight 200
ok "partition set-prop cpu-weight 200"
hv --json partition get-prop "$pid" cpu-weight
ok "partition get-prop"
check_eq "$T: get-prop returns the value set" "$(jq_ 'd["result"]["value"]')" "200"

# Setup builds the partition's EPT (plain memory): it, MapGpaRange and the
# GPA data path work without VT-x too; only VPs need it.
hv partition setup "$pid"
ok "partition setup"
state=initialized

hv --json partition list
ok "partition list"
check_eq "$T: list shows the partition $state" \
	"$(jq_ "[p['state'] for p in d['result']['partitions'] if p['partition_id'] == $pid]")" \
	"['$state']"

hv --json mem deposit "$pid" 256
ok "mem deposit"
check_eq "$T: 256 pages deposited" "$(jq_ 'd["result"]["pages_deposited"]')" "256"
hv --json mem balance "$pid"
ok "mem balance"
used0=$(jq_ 'd["result"]["in_use_pages"]')
avail0=$(jq_ 'd["result"]["available_pages"]')
check_range "$T: balance counts the deposit" "$((${avail0:-0} + ${used0:-0}))" 256 100000

head -c 100000 /dev/urandom >"$out/data.bin"
hv mem map "$pid" 0x100000 128K --flags rwx
ok "mem map 128 KiB"
hv --json mem balance "$pid"
used1=$(jq_ 'd["result"]["in_use_pages"]')
check_range "$T: map takes no pool pages beyond the EPT tables" "${used1:-0}" "${used0:-0}" $((${used0:-0} + 8))
hv gpa write "$pid" 0x100000 --file "$out/data.bin"
ok "gpa write --file (100000 bytes, 2 chunks)"
hv gpa read "$pid" 0x100000 100000 --file "$out/back.bin"
ok "gpa read --file"
if cmp -s "$out/data.bin" "$out/back.bin"; then
	pass "$T: gpa read returns the bytes written"
else
	fail "$T: gpa read returns the bytes written" "$(cmp "$out/data.bin" "$out/back.bin" 2>&1 | head -1)"
fi
hv gpa read "$pid" 0x100000 16
ok "gpa read (hex dump)"
hv gpa read "$pid" 0x200000 16 --file "$out/none.bin"
refused "gpa read of unmapped memory" "HV_STATUS_INVALID_PARAMETER.*not mapped"
if [ ! -e "$out/none.bin" ]; then
	pass "$T: a failed gpa read writes no file"
else
	fail "$T: a failed gpa read writes no file" "$out/none.bin exists"
fi
hv mem map "$pid" 0x110000 4096
refused "mem map over a mapped range" "UNIHV_E_GPA_RANGE_MAPPED"

# SynIC ports between two partitions (the receive side in $pid).
hv --json partition create
ok "partition create (sender)"
pid2=$(jq_ 'd["result"]["partition_id"]')
hv mem deposit "$pid2" 8
ok "mem deposit (sender)"
hv partition setup "$pid2"
ok "partition setup (sender)"
hv port create "$pid" 5 --type message --peer "$pid2" --sint 2 --vp 0
ok "port create (message port 5, SINT 2)"
hv port create "$pid" 6 --type event --peer "$pid2" --sint 3 --flag 10 --flags 4
ok "port create (event port 6, flags 10-13)"
hv port create "$pid" 5 --type message --peer "$pid2" --sint 2
refused "port create with a port ID in use" "HV_STATUS_INVALID_PORT_ID"
hv port create "$pid" 7 --type message --peer "$pid2" --sint 0
refused "port create on SINT 0" "HV_STATUS_INVALID_PARAMETER"
hv port connect "$pid2" 33 "$pid" 5
ok "port connect (connection 33 -> port 5)"
hv port connect "$pid2" 34 "$pid" 5
refused "port connect to a connected port" "HV_STATUS_INVALID_PORT_ID"
hv port connect "$pid2" 34 "$pid" 6
ok "port connect (connection 34 -> port 6)"
hv port delete "$pid" 6
ok "port delete"
hv port delete "$pid" 6
refused "port delete twice" "HV_STATUS_INVALID_PORT_ID"
hv partition delete "$pid2"
ok "partition delete (sender)"

hv mem unmap "$pid" 0x100000 128K
ok "mem unmap 128 KiB"
hv gpa read "$pid" 0x100000 16
refused "gpa read after unmap" "HV_STATUS_INVALID_PARAMETER.*not mapped"

hv gva translate "$pid" 0 0x1000
refused "gva translate without a VP is refused" "(HV_STATUS|UNIHV_E)_[A-Z_]+"

hv vp create "$pid" 0
if [ "$virt" = True ]; then
	ok "vp create"
	hv vp delete "$pid" 0
	ok "vp delete"
else
	refused "vp create: no virtualization" "UNIHV_E_NO_VIRTUALIZATION"
	check_log "$T: vp create names the gRPC code" "$out/e" "FAILED_PRECONDITION"
fi

hv --json mem withdraw "$pid" 8
ok "mem withdraw"
check_range "$T: pages withdrawn" "$(jq_ 'd["result"]["pages_withdrawn"]')" 1 8

# The read-only client.
hv --client viewer partition create
refused "viewer: partition create refused" "PERMISSION_DENIED"
viewer_st=$st
check_range "$T: viewer: non-zero exit status" "$viewer_st" 1 255
hv --client viewer status
ok "viewer: status works"

hv --json audit
ok "audit"
for m in Partition/Create Partition/SetProperty Partition/Setup Memory/Deposit \
	Memory/MapGpaRange Memory/WriteGpa Memory/UnmapGpaRange Memory/Withdraw Vp/Create \
	Port/Create Port/Connect Port/Delete; do
	n=$(jq_ "len([r for r in d['result']['records'] if r['method'] == 'unihv.v1.$m' and r['client'] == 'admin-cli'])")
	check_range "$T: audit records $m by admin-cli" "${n:-0}" 1 1000
done
n=$(jq_ "len([r for r in d['result']['records'] if r['client'] == 'viewer' and r['code'] == 7])")
check_range "$T: audit records the viewer's refused call" "${n:-0}" 1 1000
last=$(jq_ "max(r['sequence'] for r in d['result']['records'])")
hv --json audit --after "${last:-0}"
ok "audit --after"
check_eq "$T: audit --after the last record is empty" "$(jq_ 'len(d["result"]["records"])')" "0"

hv partition delete "$pid"
ok "partition delete"
hv --json partition list
check_eq "$T: deleted partition gone from the list" \
	"$(jq_ "len([p for p in d['result']['partitions'] if p['partition_id'] == $pid])")" "0"
hv partition delete "$pid"
refused "deleting it again is refused" "HV_STATUS_INVALID_PARTITION_ID"

# ---- malformed frames, then a normal session ------------------------------
$PY "$UNIHV_ROOT/tests/integration/ttrpc_fuzz.py" 127.0.0.1 "$port" "$pki" | sed "s/^\(PASS\|FAIL\): /\1: $T: /"
hv status
ok "status after the malformed frames"

strip_cr "$log"
check_no_log "$T: no exception or panic" "$log" 'EXCEPTION|PANIC|BUG'
finish
