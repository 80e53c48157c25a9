#!/usr/bin/env bash
# Offline checks of the Nix build description (nothing is downloaded, and
# nixpkgs is not needed):
#   1. every .nix file in the repo parses          (PASS: nix-parse FILE)
#   2. nix/sources.nix reads third_party/sources.manifest and yields the same
#      entries as a plain-shell parse of it       (PASS: nix-manifest-hashes)
#   3. the fetch URLs follow Debian's pool layout  (PASS: nix-fetch-urls)
#   4. no .nix file carries a hash literal         (PASS: nix-no-hash-literals)
# Needs nix-instantiate (Debian package nix-bin). Exits non-zero on any failure.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
manifest=third_party/sources.manifest

passed=0
failed=0
pass() { echo "PASS: $*"; passed=$((passed + 1)); }
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }
finish() { echo "nix checks: $passed passed, $failed failed"; [ "$failed" -eq 0 ]; exit; }

if ! command -v nix-instantiate >/dev/null 2>&1; then
    fail "nix-instantiate not found (apt-get install nix-bin)"
    finish
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# ---- 1. parse ------------------------------------------------------------
mapfile -t nix_files < <(find . -name '*.nix' -not -path './.git/*' \
    -not -path './build/*' | sed 's|^\./||' | LC_ALL=C sort)
if [ "${#nix_files[@]}" -eq 0 ]; then
    fail "nix-parse: no .nix files found"
fi
for f in "${nix_files[@]}"; do
    if nix-instantiate --parse "$f" >/dev/null 2>"$tmp/err"; then
        pass "nix-parse $f"
    else
        fail "nix-parse $f: $(head -n 3 "$tmp/err" | tr '\n' ' ')"
    fi
done

# ---- 2. manifest as seen by Nix == manifest as seen by the shell ---------
# Shell side: the seven columns of every non-comment line.
awk '$1 !~ /^#/ && NF > 0 { print $1, $2, $3, $4, $5, $6, $7 }' "$manifest" \
    >"$tmp/shell.txt"

# Nix side: the plain-data attribute, no nixpkgs involved. The JSON is a flat
# list of objects with string values, so sed can take it apart.
json_field() { sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p" <<<"$2"; }
if nix-instantiate --eval --strict --json nix/sources.nix -A manifest \
        >"$tmp/manifest.json" 2>"$tmp/err"; then
    { cat "$tmp/manifest.json"; echo; } | sed 's/^\[//; s/\]$//; s/},{/}\n{/g' |
    while read -r rec; do
        [ -n "$rec" ] || continue
        line=
        for k in name version debianPackage debianVersion tarball sha256 topdir; do
            line="$line $(json_field "$k" "$rec")"
        done
        echo "${line# }"
    done >"$tmp/nix.txt"
    if [ ! -s "$tmp/shell.txt" ]; then
        fail "nix-manifest-hashes: no entries in $manifest"
    elif diff -u "$tmp/shell.txt" "$tmp/nix.txt" >"$tmp/diff"; then
        pass "nix-manifest-hashes"
    else
        fail "nix-manifest-hashes: nix/sources.nix disagrees with $manifest"
        sed 's/^/    /' "$tmp/diff"
    fi
else
    fail "nix-manifest-hashes: evaluation failed: $(head -n 3 "$tmp/err" | tr '\n' ' ')"
fi

# ---- 3. fetch URLs, with a stub standing in for nixpkgs ------------------
stub='{ fetchurl = a: a; linkFarm = name: entries: entries; }'
if nix-instantiate --eval --strict --json -E \
        "map (f: f.url + \" \" + f.sha256) (builtins.attrValues
           (import $root/nix/sources.nix { pkgs = $stub; }).tarballs)" \
        >"$tmp/urls.json" 2>"$tmp/err"; then
    tr -d '[]' <"$tmp/urls.json" | tr ',' '\n' | tr -d '"' >"$tmp/urls.txt"
    awk '$1 !~ /^#/ && NF > 0 {
            p = ($3 ~ /^lib/) ? substr($3, 1, 4) : substr($3, 1, 1)
            print "mirror://debian/pool/main/" p "/" $3 "/" $5, $6
         }' "$manifest" >"$tmp/urls.want"
    if diff -u <(LC_ALL=C sort "$tmp/urls.want") <(LC_ALL=C sort "$tmp/urls.txt") >"$tmp/diff"; then
        pass "nix-fetch-urls"
    else
        fail "nix-fetch-urls: unexpected fetchurl arguments"
        sed 's/^/    /' "$tmp/diff"
    fi
else
    fail "nix-fetch-urls: evaluation failed: $(head -n 3 "$tmp/err" | tr '\n' ' ')"
fi

# ---- 4. the manifest is the only place for hashes ------------------------
# 64 hex digits (sha256 in hex) or an SRI sha256 string.
if hits=$(grep -nE '[0-9a-fA-F]{64}|sha256-[A-Za-z0-9+/]{43}=' "${nix_files[@]}"); then
    fail "nix-no-hash-literals: hashes belong in $manifest only:"
    printf '%s\n' "$hits" | sed 's/^/    /'
else
    pass "nix-no-hash-literals"
fi

finish
