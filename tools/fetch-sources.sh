#!/usr/bin/env bash
# Fetch, verify and unpack the pinned third-party sources listed in
# third_party/sources.manifest.
#
# usage: tools/fetch-sources.sh [--from DIR] [--dest BUILD_SRC_DIR] [--check]
#
#   --from DIR   look for tarballs in DIR first (default: $UNIHV_SOURCES_DIR);
#                files there are read, never modified or deleted
#   --dest DIR   unpack into DIR/NAME-VERSION (default: build/src); downloads
#                are cached next to it in DIR/../dl (build/dl by default)
#   --check      only verify the sha256 of every tarball found in --from or
#                the download cache; download and unpack nothing. A tarball
#                that is in neither place counts as a failure.
#
# A tarball that is in neither place is fetched from Debian's source archive
# with `apt-get source --download-only PKG=VERSION` into the download cache.
# Every tarball is checked against the manifest's sha256 before use. Each
# unpacked tree carries a stamp file .unihv-sha256; when it already matches,
# the tree is left alone, so running this again is cheap.
set -euo pipefail

prog=fetch-sources
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
manifest=$root/third_party/sources.manifest

from=${UNIHV_SOURCES_DIR:-}
dest=$root/build/src
check_only=0

die() { echo "$prog: error: $*" >&2; exit 1; }
usage() { sed -n '2,/^set /{/^#/s/^# \{0,1\}//p}' "${BASH_SOURCE[0]}"; }

while [ $# -gt 0 ]; do
    case $1 in
        --from)   [ $# -ge 2 ] || die "--from needs a directory"; from=$2; shift 2 ;;
        --from=*) from=${1#--from=}; shift ;;
        --dest)   [ $# -ge 2 ] || die "--dest needs a directory"; dest=$2; shift 2 ;;
        --dest=*) dest=${1#--dest=}; shift ;;
        --check)  check_only=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; die "unknown argument: $1" ;;
    esac
done

[ -f "$manifest" ] || die "manifest not found: $manifest"
if [ -n "$from" ] && [ ! -d "$from" ]; then
    die "--from directory does not exist: $from"
fi
dest=${dest%/}
dl=$(dirname "$dest")/dl

# ---------------------------------------------------------------- helpers

sha256_of() { sha256sum "$1" | cut -d' ' -f1; }

# Where apt keeps its *.sources / *.list fragments (normally /etc/apt/sources.list.d).
apt_parts_dir() {
    local d=
    eval "$(apt-config shell d Dir::Etc::sourceparts/d 2>/dev/null)" || true
    echo "${d:-/etc/apt/sources.list.d/}"
}

# The deb-src entry we add (or tell the user to add) when apt has none that
# carries the pinned versions. Pinned versions are those of Debian bookworm.
debsrc_file() { echo "$(apt_parts_dir)unihv-deb-src.sources"; }
debsrc_body() {
    printf '%s\n' \
        '# Added by unihv tools/fetch-sources.sh: source packages for pinned dependencies.' \
        'Types: deb-src' \
        'URIs: http://deb.debian.org/debian' \
        'Suites: bookworm' \
        'Components: main' \
        'Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg'
}

have_debsrc() {
    # shellcheck disable=SC2016  # $(CREATED_BY) is apt's format syntax, not ours
    apt-get indextargets --format '$(CREATED_BY)' 2>/dev/null | grep -qx 'Sources'
}

# Explain how to enable deb-src as a non-root user, then fail.
explain_debsrc() {
    local f
    f=$(debsrc_file)
    {
        echo "$prog: apt could not provide source package $1 (log: $2):"
        grep '^E:' "$2" | sed 's/^/  /' || true
        echo "$prog: the pinned versions come from Debian bookworm's source archive; enable it with:"
        echo
        printf '  printf %s \\\n' "'%s\\n'"
        debsrc_body | sed "s/.*/    '&' \\\\/"
        echo "    | sudo tee $f >/dev/null && sudo apt-get update"
        echo
        echo "$prog: or download the .orig tarballs listed in $manifest"
        echo "$prog: yourself and pass --from DIR (or set UNIHV_SOURCES_DIR)."
    } >&2
    exit 1
}

apt_fixed=0   # set once we have added deb-src and/or run apt-get update

# apt-get source --download-only PKG=VER into the download cache.
apt_download() {
    local pkg=$1 ver=$2 log
    command -v apt-get >/dev/null || die "tarball for $pkg missing and apt-get not available; use --from DIR"
    mkdir -p "$dl"
    log=$dl/apt-$pkg.log
    while :; do
        if (cd "$dl" && apt-get source --download-only "$pkg=$ver") >"$log" 2>&1; then
            rm -f "$log"
            return 0
        fi
        # Failed: no deb-src at all, stale lists, or a release without this version.
        if [ "$apt_fixed" = 1 ]; then
            cat "$log" >&2
            explain_debsrc "$pkg=$ver" "$log"
        fi
        if [ "$(id -u)" != 0 ]; then
            explain_debsrc "$pkg=$ver" "$log"
        fi
        apt_fixed=1
        local f
        f=$(debsrc_file)
        if ! have_debsrc || grep -q "Can not find version\|Unable to find a source package" "$log"; then
            if [ ! -e "$f" ]; then
                echo "$prog: adding deb-src entry $f" >&2
                debsrc_body >"$f"
            fi
        fi
        echo "$prog: running apt-get update to fetch source indexes" >&2
        if ! apt-get update >"$dl/apt-update.log" 2>&1; then
            cat "$dl/apt-update.log" >&2
            die "apt-get update failed"
        fi
        rm -f "$dl/apt-update.log"
    done
}

# ---------------------------------------------------------------- main loop

failed=0
tmpdir=
trap 'if [ -n "$tmpdir" ]; then rm -rf "$tmpdir"; fi' EXIT

# The manifest is read on fd 3 so that apt-get and friends keep stdin.
while read -r name version pkg debver tarball sha topdir extra <&3; do
    case $name in ''|'#'*) continue ;; esac
    if [ -z "$topdir" ] || [ -n "$extra" ]; then
        die "malformed manifest line for '$name' (want 7 columns)"
    fi
    [[ $sha =~ ^[0-9a-f]{64}$ ]] || die "bad sha256 for $name in manifest"
    [[ $name/$version/$tarball/$topdir =~ ^[A-Za-z0-9._+/-]+$ ]] \
        || die "unexpected characters in manifest line for $name"

    # Locate the tarball: --from first, then the download cache.
    src=
    if [ -n "$from" ] && [ -f "$from/$tarball" ]; then
        src=$from/$tarball
    elif [ -f "$dl/$tarball" ]; then
        src=$dl/$tarball
    elif [ "$check_only" = 1 ]; then
        echo "$prog: $name $version: MISSING $tarball" >&2
        failed=1
        continue
    else
        apt_download "$pkg" "$debver"
        [ -f "$dl/$tarball" ] || die "apt-get source $pkg=$debver did not produce $tarball"
        src=$dl/$tarball
    fi

    actual=$(sha256_of "$src")
    if [ "$actual" != "$sha" ]; then
        {
            echo "$prog: $name $version: sha256 MISMATCH for $src"
            echo "  expected: $sha"
            echo "  actual:   $actual"
            echo "  (nothing was deleted; remove or replace the file and run again)"
        } >&2
        failed=1
        continue
    fi

    if [ "$check_only" = 1 ]; then
        echo "$prog: $name $version: ok ($src)"
        continue
    fi

    out=$dest/$name-$version
    if [ -f "$out/.unihv-sha256" ] && [ "$(cat "$out/.unihv-sha256")" = "$sha" ]; then
        echo "$prog: $name $version: up to date"
        continue
    fi

    # Replace only trees this script unpacked (they carry the stamp).
    if [ -e "$out" ] && [ ! -f "$out/.unihv-sha256" ]; then
        die "$out exists but was not unpacked by $prog (no .unihv-sha256); move it away"
    fi

    # Unpack into a temp dir beside the target, then move into place, so an
    # interrupted run never leaves a half-unpacked tree with a valid stamp.
    mkdir -p "$dest"
    tmpdir=$(mktemp -d "$dest/.unpack-$name.XXXXXX")
    tar -xf "$src" -C "$tmpdir" --no-same-owner
    [ -d "$tmpdir/$topdir" ] || die "$tarball has no top directory $topdir/"
    printf '%s\n' "$sha" >"$tmpdir/$topdir/.unihv-sha256"
    rm -rf "$out"
    mv "$tmpdir/$topdir" "$out"
    rm -rf "$tmpdir"
    tmpdir=
    echo "$prog: $name $version: unpacked into $out"
done 3<"$manifest"

exit "$failed"
