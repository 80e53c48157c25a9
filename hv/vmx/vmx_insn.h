/*
 * VMX instructions (Intel SDM Vol. 3C chapter 31 "VMX instruction
 * reference").  Each returns true on success; VMfailValid/VMfailInvalid
 * (CF or ZF set) return false.
 */
#ifndef UNIHV_HV_VMX_VMX_INSN_H
#define UNIHV_HV_VMX_VMX_INSN_H

#include <stdbool.h>
#include <stdint.h>

static inline bool vmxon(uint64_t phys)
{
	bool fail;
	__asm__ volatile("vmxon %1; setna %0" : "=q"(fail) : "m"(phys) : "cc", "memory");
	return !fail;
}

static inline bool vmclear(uint64_t phys)
{
	bool fail;
	__asm__ volatile("vmclear %1; setna %0" : "=q"(fail) : "m"(phys) : "cc", "memory");
	return !fail;
}

static inline bool vmptrld(uint64_t phys)
{
	bool fail;
	__asm__ volatile("vmptrld %1; setna %0" : "=q"(fail) : "m"(phys) : "cc", "memory");
	return !fail;
}

static inline uint64_t vmread(uint64_t field)
{
	uint64_t v;
	__asm__ volatile("vmread %1, %0" : "=rm"(v) : "r"(field) : "cc");
	return v;
}

static inline bool vmwrite(uint64_t field, uint64_t v)
{
	bool fail;
	__asm__ volatile("vmwrite %2, %1; setna %0" : "=q"(fail) : "r"(field), "rm"(v) : "cc");
	return !fail;
}

struct invept_desc {
	uint64_t eptp;
	uint64_t reserved;
};

struct invvpid_desc {
	uint64_t vpid;
	uint64_t linear_address;
};

#define INVEPT_SINGLE_CONTEXT 1
#define INVEPT_ALL_CONTEXTS   2
#define INVVPID_SINGLE_CONTEXT 1
#define INVVPID_ALL_CONTEXTS   2

static inline bool invept(uint64_t type, uint64_t eptp)
{
	struct invept_desc d = { eptp, 0 };
	bool fail;
	__asm__ volatile("invept %1, %2; setna %0" : "=q"(fail) : "m"(d), "r"(type) : "cc", "memory");
	return !fail;
}

static inline bool invvpid(uint64_t type, uint16_t vpid)
{
	struct invvpid_desc d = { vpid, 0 };
	bool fail;
	__asm__ volatile("invvpid %1, %2; setna %0" : "=q"(fail) : "m"(d), "r"(type) : "cc", "memory");
	return !fail;
}

#endif
