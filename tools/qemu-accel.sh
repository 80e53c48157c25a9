#!/bin/sh
# Print the QEMU accelerator to use here: "kvm" only when /dev/kvm is a
# hardware KVM (kvm_intel or kvm_amd loaded) and usable; otherwise "tcg".
# Some sandboxes expose a software /dev/kvm (kvm_pvm) that is far slower
# than TCG, so the presence of /dev/kvm alone is not enough.
# UNIHV_ACCEL overrides the detection.
if [ -n "${UNIHV_ACCEL:-}" ]; then
	echo "$UNIHV_ACCEL"
	exit 0
fi
if [ -r /dev/kvm ] && [ -w /dev/kvm ] && [ ! -d /sys/module/kvm_pvm ] &&
	{ [ -d /sys/module/kvm_intel ] || [ -d /sys/module/kvm_amd ]; }; then
	echo kvm
else
	echo tcg
fi
