#!/bin/sh
# The end-to-end flow a user runs, under Bochs with e1000 and VMX: the
# appliance image boots from a GRUB ISO with a configuration bundle (made
# by tools/pki-init.sh) as its boot module; hvctl, over mutually
# authenticated TLS through Bochs' slirp port forward, creates a
# partition, deposits memory, maps the reset-vector page, writes a tiny
# real-mode guest with `gpa write`, sets registers, runs it, receives its
# I/O-port exit (IN from port 0x80), answers it (RAX, RIP past the IN),
# receives the next exit (OUT of the answered value to port 0x81), and runs
# it to HLT; then deletes the partition and checks the audit log.
# Needs build/unihv.elf and build/tools/hvctl (make all tools).
. "$(dirname "$0")/lib.sh"
HVCTL=${HVCTL:-$UNIHV_ROOT/build/tools/hvctl}
out=$(mktemp -d)
emu_pid=
# The appliance never ends its run itself: stop run-bochs.sh's children
# (timeout) and theirs (Bochs) outright.
cleanup() {
	if [ -n "$emu_pid" ]; then
		for child in $(pgrep -P "$emu_pid" 2>/dev/null); do
			pkill -KILL -P "$child" 2>/dev/null
			kill -KILL "$child" 2>/dev/null
		done
		wait "$emu_pid" 2>/dev/null
	fi
	rm -rf "$out"
}
trap cleanup EXIT


# hv NAME EXPR ARGS...: run hvctl --json ARGS, print the value of the
# Python expression EXPR over the JSON document `j` (empty on failure).
hv() {
	"$HVCTL" -c "127.0.0.1:$port" --pki "$out/pki" --timeout 120000 --json "$@" >"$out/last.json" 2>"$out/last.err"
	hv_status=$?
}
field() {
	/usr/bin/python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' \
		"$out/last.json" "$1" 2>/dev/null
}
ok_or_fail() { # NAME: the last hvctl call succeeded
	if [ "$hv_status" -eq 0 ] && [ "$(field 'j["ok"]')" = True ]; then
		pass "$1"
	else
		fail "$1" "hvctl exit $hv_status: $(cat "$out/last.json" "$out/last.err" | head -c 300)"
		return 1
	fi
}

if [ ! -x "$HVCTL" ] || [ ! -f "$ELF" ]; then
	fail "mgmt-bochs: build" "needs $ELF and $HVCTL (make all tools)"
	exit 1
fi
"$UNIHV_ROOT/tools/pki-init.sh" --dir "$out/pki" --network 10.0.2.15/24,gw=10.0.2.2 \
	>"$out/pki.log" 2>&1 || { fail "mgmt-bochs: pki init" "$(tail -n 3 "$out/pki.log")"; exit 1; }
"$UNIHV_ROOT/tools/mkiso.sh" "$ELF" "$out/appliance.iso" "" "$out/pki/bundle.conf"
port=$(free_port)
mkdir -p "$out/bochs"
: >"$out/bochs/com1.out"
UNIHV_CPUS=2 UNIHV_MEM=256 UNIHV_BOCHS_TIMEOUT=900 UNIHV_PORT=$port UNIHV_GUEST_PORT=7443 \
	"$UNIHV_ROOT/tools/run-bochs.sh" "$out/appliance.iso" "$out/bochs" >/dev/null 2>&1 &
emu_pid=$!
log=$out/bochs/com1.out

# The endpoint is up when a status call succeeds (the handshake under
# Bochs takes a while).
i=0
while :; do
	hv status
	[ "$hv_status" -eq 0 ] && break
	i=$((i + 1))
	if [ "$i" -ge 60 ] || ! kill -0 "$emu_pid" 2>/dev/null; then
		fail "mgmt-bochs: hvctl status over TLS" "$(cat "$out/last.err" | head -c 200); console: $(tail -n 5 "$log")"
		exit 1
	fi
	sleep 5
done
ok_or_fail "mgmt-bochs: hvctl status over TLS"
check_eq "mgmt-bochs: the appliance reports virtualization" "$(field 'j["result"]["virtualization"]')" True

hv partition create
ok_or_fail "mgmt-bochs: partition create" || exit 1
id=$(field 'j["result"]["partition_id"]')
hv mem deposit "$id" 64;            ok_or_fail "mgmt-bochs: mem deposit 64 pages"
hv partition setup "$id";           ok_or_fail "mgmt-bochs: partition setup"
hv mem map "$id" 0xfffff000 4096 --flags rwx; ok_or_fail "mgmt-bochs: mem map the reset-vector page"
# At 0xfffffff0 (CS base 0xffff0000, IP 0xfff0 after reset):
#   in $0x80, %al ; out %al, $0x81 ; hlt
printf '\344\200\346\201\364' >"$out/guest.bin"
hv gpa write "$id" 0xfffffff0 --file "$out/guest.bin"; ok_or_fail "mgmt-bochs: gpa write the guest"
hv gpa read "$id" 0xfffffff0 5
check_eq "mgmt-bochs: gpa read returns the guest's bytes" "$(field 'j["result"]["data_hex"]')" "e480e681f4"
hv vp create "$id" 0;               ok_or_fail "mgmt-bochs: vp create"
hv vp set-regs "$id" 0 rip=0xfff0,rax=0; ok_or_fail "mgmt-bochs: vp set-regs"

hv vp run "$id" 0
ok_or_fail "mgmt-bochs: vp run (1)"
check_eq "mgmt-bochs: first exit is an I/O port access" "$(field 'j["result"]["exit"]["exit_reason_name"]')" "X64IoPortAccess"
check_eq "mgmt-bochs: ... an IN from port 0x80" \
	"$(field 'str(int(j["result"]["exit"]["io_port"],16))+" "+str(j["result"]["exit"]["io_is_write"])')" "128 False"
rip=$(field 'hex(int(j["result"]["exit"]["rip"],16)+j["result"]["exit"]["instruction_length"])')
check_eq "mgmt-bochs: ... at the reset vector, 2 bytes long" "$rip" "0xfff2"
hv vp set-regs "$id" 0 "rax=0x5a,rip=$rip"; ok_or_fail "mgmt-bochs: answer the IN (rax=0x5a, rip past it)"

hv vp run "$id" 0
ok_or_fail "mgmt-bochs: vp run (2)"
check_eq "mgmt-bochs: second exit: OUT of the answered value to port 0x81" \
	"$(field 'str(int(j["result"]["exit"]["io_port"],16))+" "+str(j["result"]["exit"]["io_is_write"])+" "+str(int(j["result"]["exit"]["rax"],16)&0xff)')" "129 True 90"
rip=$(field 'hex(int(j["result"]["exit"]["rip"],16)+j["result"]["exit"]["instruction_length"])')
hv vp set-regs "$id" 0 "rip=$rip"; ok_or_fail "mgmt-bochs: step over the OUT"

hv vp run "$id" 0
ok_or_fail "mgmt-bochs: vp run (3)"
check_eq "mgmt-bochs: third exit: HLT" "$(field 'j["result"]["exit"]["exit_reason_name"]')" "X64Halt"

hv partition delete "$id";          ok_or_fail "mgmt-bochs: partition delete"
hv audit
check_eq "mgmt-bochs: the audit log has the run calls by admin-cli" \
	"$(field 'sum(1 for r in j["result"]["records"] if r["method"].endswith("Vp/Run") and r["client"]=="admin-cli" and r["result"]=="OK")')" "3"
check_no_log "mgmt-bochs: no hypervisor exception or panic" "$log" 'EXCEPTION|PANIC|BUG'
if [ "$failures" -ne 0 ]; then echo "--- console:"; tail -n 40 "$log"; fi
finish
