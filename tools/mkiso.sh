#!/bin/sh
# Make a GRUB (BIOS) ISO that boots the image through multiboot2.
#   tools/mkiso.sh ELF OUT.iso "COMMAND LINE"
set -eu
elf=${1:?usage: mkiso.sh ELF OUT.iso [CMDLINE]}
out=${2:?usage: mkiso.sh ELF OUT.iso [CMDLINE]}
cmdline=${3:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
stage=$work/iso
mkdir -p "$stage/boot/grub"
cp "$elf" "$stage/boot/unihv.elf"
cat > "$stage/boot/grub/grub.cfg" <<CFG
set timeout=0
set default=0
serial --unit=0 --speed=115200
terminal_output serial
menuentry "unihv" {
	multiboot2 /boot/unihv.elf $cmdline
	boot
}
CFG
grub-mkrescue -o "$out" "$stage" >/dev/null 2>"$work/grub.log" || { cat "$work/grub.log" >&2; exit 1; }
