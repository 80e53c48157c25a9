#!/bin/sh
# Make a GRUB (BIOS) ISO that boots the image through multiboot2.
#   tools/mkiso.sh ELF OUT.iso ["COMMAND LINE" [MODULE]]
# MODULE (e.g. the configuration bundle of tools/pki-init.sh) becomes the
# first multiboot2 module.
set -eu
elf=${1:?usage: mkiso.sh ELF OUT.iso [CMDLINE [MODULE]]}
out=${2:?usage: mkiso.sh ELF OUT.iso [CMDLINE [MODULE]]}
cmdline=${3:-}
module=${4:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
stage=$work/iso
mkdir -p "$stage/boot/grub"
cp "$elf" "$stage/boot/unihv.elf"
module_line=
if [ -n "$module" ]; then
	cp "$module" "$stage/boot/config.bundle"
	module_line="module2 /boot/config.bundle config"
fi
cat > "$stage/boot/grub/grub.cfg" <<CFG
set timeout=0
set default=0
serial --unit=0 --speed=115200
terminal_output serial
menuentry "unihv" {
	multiboot2 /boot/unihv.elf $cmdline
	$module_line
	boot
}
CFG
grub-mkrescue -o "$out" "$stage" >/dev/null 2>"$work/grub.log" || { cat "$work/grub.log" >&2; exit 1; }
