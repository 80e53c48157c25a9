#!/bin/sh
# Two clean builds of the same tree in two different directories must give
# a byte-identical unihv.elf (paths, timestamps and archive order must not
# leak into the image).
. "$(dirname "$0")/lib.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

rev=$(git -C "$UNIHV_ROOT" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
epoch=$(git -C "$UNIHV_ROOT" log -1 --format=%ct 2>/dev/null || echo 0)
# Reuse the verified tarballs instead of fetching again.
dl=$UNIHV_ROOT/build/dl
for dir in "$work/a/unihv" "$work/b/deeper/other-name"; do
	mkdir -p "$dir"
	(cd "$UNIHV_ROOT" && git ls-files -co --exclude-standard -z | xargs -0 cp --parents -t "$dir")
	if ! make -C "$dir" -s GIT_REV="$rev" SOURCE_DATE_EPOCH="$epoch" UNIHV_SOURCES_DIR="$dl" \
		build/unihv.elf >"$dir.log" 2>&1; then
		fail "reproducible: build in $dir" "$(tail -n 5 "$dir.log")"
		finish
		exit 1
	fi
done
pass "reproducible: two clean builds succeed"
if cmp -s "$work/a/unihv/build/unihv.elf" "$work/b/deeper/other-name/build/unihv.elf"; then
	pass "reproducible: unihv.elf is byte-identical across build directories"
else
	fail "reproducible: unihv.elf is byte-identical across build directories" \
		"$(cmp "$work/a/unihv/build/unihv.elf" "$work/b/deeper/other-name/build/unihv.elf")"
fi
if grep -aq "$work" "$work/a/unihv/build/unihv.elf"; then
	fail "reproducible: no build path in the image" "found $work"
else
	pass "reproducible: no build path in the image"
fi
finish
