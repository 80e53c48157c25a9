/* The command-loop case runner; see hc_cases.h. */
#include <string.h>
#include "tests/guests/driver/hc_cases.h"

const char *gt_hc_run_case(struct gt_vm *vm, const struct gt_hc_case *c)
{
	struct gt_hc_cmd cmd = { c->control, c->rdx, c->r8, 0, { 0 } };
	uint64_t lo = 0, hi = 0;
	const char *err;
	static const uint8_t junk[64] = { [0 ... 63] = 0xee };

	memcpy(cmd.xmm, c->xmm, sizeof(c->xmm));
	if ((err = gt_vm_write(vm, CMD, &cmd, sizeof(cmd))))
		return err;
	if (c->in_len && (err = gt_vm_write(vm, IN_GPA, c->input, c->in_len)))
		return err;
	if ((err = gt_vm_write(vm, OUT_GPA, junk, sizeof(junk))))
		return err;
	if ((err = gt_run_out(vm, 0, PORT, 4, &lo)) || (err = gt_run_out(vm, 0, PORT, 4, &hi)))
		return gt_fail("%s: %s", c->name, err);
	uint64_t rax = lo | hi << 32;
	if (rax != c->want)
		return gt_fail("%s: RAX 0x%llx, want 0x%llx", c->name, (unsigned long long)rax,
			       (unsigned long long)c->want);
	if (c->nout) {
		uint32_t got[8];
		uint64_t at = c->xmm_out ? CMD + 128 + 16 : OUT_GPA; /* XMM1 low */
		if ((err = gt_vm_read(vm, at, got, sizeof(got))))
			return err;
		for (uint32_t i = 0; i < c->nout; i++)
			if (got[i] != c->out_words[i])
				return gt_fail("%s: output %u = 0x%x, want 0x%x", c->name, i,
					       got[i], c->out_words[i]);
		if (!c->xmm_out && got[c->nout] != 0xeeeeeeee)
			return gt_fail("%s: output element %u written", c->name, c->nout);
	}
	return NULL;
}
