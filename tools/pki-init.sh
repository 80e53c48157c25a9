#!/bin/sh
# Create the management PKI and the boot configuration bundle
# (mgmt/config_bundle.h) with Debian's openssl:
#   tools/pki-init.sh [--dir DIR] [--server-name NAME] [--client NAME:ROLE ...]
#                     [--network dhcp|A.B.C.D/N[,gw=A.B.C.D]] [--force]
# DIR (default build/pki) receives:
#   ca.crt ca.key                 ECDSA P-256 CA (10 years)
#   server.crt server.key         the appliance's certificate (CN and DNS name NAME,
#                                 default "unihv"; also IP 127.0.0.1), serverAuth
#   NAME.crt NAME.key             one client certificate per --client (CN=NAME),
#                                 clientAuth; default admin-cli:admin and viewer:read-only
#   client.crt client.key         copies of the first admin client's (hvctl's default)
#   bundle.conf                   the bundle: boot it as the first module (QEMU -initrd)
# Keys are created mode 0600.  An existing DIR/bundle.conf is kept unless
# --force is given.
set -eu
dir=build/pki
server_name=unihv
clients=
network=dhcp
force=0
while [ $# -gt 0 ]; do
	case $1 in
	--dir) dir=${2:?--dir needs a value}; shift 2 ;;
	--dir=*) dir=${1#--dir=}; shift ;;
	--server-name) server_name=${2:?--server-name needs a value}; shift 2 ;;
	--client) clients="$clients ${2:?--client needs NAME:ROLE}"; shift 2 ;;
	--network) network=${2:?--network needs a value}; shift 2 ;;
	--force) force=1; shift ;;
	-h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) echo "pki-init: unknown argument '$1'" >&2; exit 2 ;;
	esac
done
[ -n "$clients" ] || clients="admin-cli:admin viewer:read-only"

die() { echo "pki-init: $*" >&2; exit 2; }

# Validate names and roles before creating anything.
admin=
for c in $clients; do
	name=${c%%:*}
	role=${c#*:}
	[ "$name" != "$c" ] || die "--client '$c': NAME:ROLE expected"
	printf '%s' "$name" | grep -Eq '^[A-Za-z0-9._-]{1,63}$' || die "bad client name '$name'"
	case $name in ca|server|client|bundle) die "client name '$name' is reserved" ;; esac
	case $role in
	admin) [ -n "$admin" ] || admin=$name ;;
	read-only) ;;
	*) die "client '$name': role must be admin or read-only, not '$role'" ;;
	esac
done
printf '%s' "$server_name" | grep -Eq '^[A-Za-z0-9.-]{1,63}$' || die "bad server name '$server_name'"

case $network in
dhcp) network_line="network dhcp" ;;
*/*,gw=*) network_line="network ${network%%,gw=*} gw ${network#*,gw=}" ;;
*/*) network_line="network $network" ;;
*) die "--network: dhcp or A.B.C.D/N[,gw=A.B.C.D] expected, not '$network'" ;;
esac

if [ -f "$dir/bundle.conf" ] && [ "$force" = 0 ]; then
	echo "pki-init: $dir/bundle.conf exists (use --force to replace it)" >&2
	exit 0
fi
command -v openssl >/dev/null || die "openssl is not installed (apt-get install openssl)"
mkdir -p "$dir"
umask 077
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

newkey() { openssl ecparam -name prime256v1 -genkey -noout -out "$1" 2>/dev/null; }

# CA
newkey "$dir/ca.key"
cat >"$tmp/ca.cnf" <<EXT
[req]
distinguished_name = dn
prompt = no
x509_extensions = ca_ext
[dn]
CN = unihv management CA
[ca_ext]
basicConstraints = critical,CA:TRUE,pathlen:0
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
EXT
openssl req -new -x509 -sha256 -key "$dir/ca.key" -config "$tmp/ca.cnf" -days 3650 \
	-out "$dir/ca.crt" 2>"$tmp/err" || { cat "$tmp/err" >&2; die "CA certificate failed"; }

# sign KEY CN EXTFILE OUT
sign() {
	openssl req -new -sha256 -key "$1" -subj "/CN=$2" -out "$tmp/req.csr" 2>"$tmp/err" ||
		{ cat "$tmp/err" >&2; die "request for $2 failed"; }
	openssl x509 -req -sha256 -in "$tmp/req.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" \
		-CAcreateserial -CAserial "$tmp/ca.srl" -days 3650 -extfile "$3" -out "$4" 2>"$tmp/err" ||
		{ cat "$tmp/err" >&2; die "certificate for $2 failed"; }
}

newkey "$dir/server.key"
cat >"$tmp/server.ext" <<EXT
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=serverAuth
subjectAltName=DNS:$server_name,IP:127.0.0.1
EXT
sign "$dir/server.key" "$server_name" "$tmp/server.ext" "$dir/server.crt"

cat >"$tmp/client.ext" <<EXT
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=clientAuth
EXT
for c in $clients; do
	name=${c%%:*}
	newkey "$dir/$name.key"
	sign "$dir/$name.key" "$name" "$tmp/client.ext" "$dir/$name.crt"
done
if [ -n "$admin" ]; then
	cp "$dir/$admin.crt" "$dir/client.crt"
	cp "$dir/$admin.key" "$dir/client.key"
fi
chmod 644 "$dir"/*.crt

{
	echo "unihv-config 1"
	echo "listen_port 7443"
	echo "max_sessions 8"
	echo "handshake_timeout_ms 10000"
	echo "idle_timeout_ms 300000"
	echo "$network_line"
	for c in $clients; do
		echo "client ${c%%:*} ${c#*:}"
	done
	echo "begin ca"
	cat "$dir/ca.crt"
	echo "end ca"
	echo "begin server_cert"
	cat "$dir/server.crt"
	echo "end server_cert"
	echo "begin server_key"
	cat "$dir/server.key"
	echo "end server_key"
} >"$dir/bundle.conf.tmp"
mv "$dir/bundle.conf.tmp" "$dir/bundle.conf"
echo "pki-init: wrote $dir (bundle.conf; hvctl uses client.crt = ${admin:-none})" >&2
