#!/bin/sh
# Boot an ISO in Bochs with a VMX-capable CPU (see docs/testing.md).
#   tools/run-bochs.sh ISO [OUTDIR]
# The serial console goes to OUTDIR/com1.out (default: a temporary
# directory, printed).  Environment: UNIHV_CPUS (2), UNIHV_MEM (MiB, 256),
# UNIHV_BOCHS_IPS (50000000), UNIHV_BOCHS_TIMEOUT (seconds, 600),
# UNIHV_PORT (host port forwarded to the appliance, 7443), UNIHV_GUEST_PORT
# (the appliance's port it reaches, 7443).
set -eu
iso=$(realpath "${1:?usage: run-bochs.sh ISO [OUTDIR]}")
out=${2:-$(mktemp -d)}
mkdir -p "$out"
out=$(realpath "$out")
port=${UNIHV_PORT:-7443}
guest_port=${UNIHV_GUEST_PORT:-7443}
cat > "$out/slirp.conf" <<CONF
# slirp config
restricted = 0
net = 10.0.2.0
mask = 255.255.255.0
host = 10.0.2.2
dhcpstart = 10.0.2.15
dns = 10.0.2.3
hostfwd = tcp:127.0.0.1:$port-10.0.2.15:$guest_port
CONF
cat > "$out/bochsrc" <<CONF
megs: ${UNIHV_MEM:-256}
cpu: model=corei7_skylake_x, count=${UNIHV_CPUS:-2}, ips=${UNIHV_BOCHS_IPS:-50000000}, reset_on_triple_fault=0
romimage: file=/usr/share/bochs/BIOS-bochs-latest
vgaromimage: file=/usr/share/vgabios/vgabios.bin
ata0-master: type=cdrom, path=$iso, status=inserted
boot: cdrom
display_library: term
port_e9_hack: enabled=1
com1: enabled=1, mode=file, dev=com1.out
log: bochs.log
panic: action=fatal
clock: sync=none, time0=local
# Debian's build crashes opening ALSA on machines without a sound card.
sound: waveoutdrv=dummy, waveindrv=dummy, midioutdrv=dummy
speaker: enabled=0
pci: enabled=1, chipset=i440fx, slot1=e1000
e1000: enabled=1, mac=52:54:00:12:34:56, ethmod=slirp, script=slirp.conf
CONF
printf 'c\nquit\n' > "$out/cont.rc"
echo "run-bochs: console in $out/com1.out" >&2
cd "$out"
: > com1.out
# On a terminal, follow the console live; otherwise print it at the end.
follower=
if [ -t 1 ]; then
	tail -f com1.out &
	follower=$!
fi
TERM=dumb timeout -s KILL "${UNIHV_BOCHS_TIMEOUT:-600}" bochs -q -f bochsrc -rc cont.rc </dev/null >"$out/bochs.stdout" 2>&1 || true
if [ -n "$follower" ]; then
	kill "$follower" 2>/dev/null || true
else
	cat com1.out
fi
