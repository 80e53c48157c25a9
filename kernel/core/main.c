/*
 * Boot sequence of the image.  Order matters: per-CPU data and exception
 * handling first (so that any later fault is reported), then the boot
 * information, clock, memory, ACPI, interrupts, the other CPUs and PCI.
 */
#include <stdio.h>
#include <string.h>
#include "arch/boot_defs.h"
#include "arch/cpu.h"
#include "arch/cpu_features.h"
#include "arch/idt.h"
#include "acpi/acpi_boot.h"
#include "apic/lapic.h"
#include "boot/bootinfo.h"
#include "boot/cmdline.h"
#include "console/log.h"
#include "console/serial.h"
#include "core/emu_exit.h"
#include "core/panic.h"
#include "core/selftest.h"
#include "lib/stack_protector.h"
#include "mm/paging.h"
#include "mm/pmm.h"
#include "pci/pci.h"
#include "smp/smp.h"
#include "smp/smp_call.h"
#include "hv/hv.h"
#include "mgmt/config_bundle.h"
#include "mgmt/tls_endpoint.h"
#include "net/net.h"
#include "time/clock.h"
#include "time/rtc.h"

static struct bootinfo boot_info;
static struct acpi_tables acpi_tables;
static struct acpi_madt_info madt;
static struct mgmt_config bundle;

#define MGMT_OFF " \u2014 management endpoint disabled"

/* The configuration bundle is the first boot module.  Its text holds the
 * server's private key: the module is wiped once parsed. */
static bool load_bundle(const struct bootinfo *bi, struct mgmt_config *out)
{
	char why[200];

	if (bi->module_count == 0) {
		log_warn("mgmt: no configuration bundle (boot module)" MGMT_OFF);
		return false;
	}
	const struct boot_module *m = &bi->modules[0];
	size_t len = (size_t)(m->end - m->start);
	char *text = (char *)paging_phys_map(m->start, len, NULL);
	if (!text) {
		log_error("mgmt: the configuration bundle (boot module) is not in mapped memory" MGMT_OFF);
		return false;
	}
	bool ok = mgmt_config_parse(text, len, out, why, sizeof(why));
	explicit_bzero(text, len);
	if (!ok)
		log_error("mgmt: %s" MGMT_OFF, why);
	return ok;
}

/* Networking (with the bundle's address unless the command line names
 * one), then the management endpoint when the bundle is valid. */
static void start_network(const char *cmdline)
{
	bool have_bundle = load_bundle(&boot_info, &bundle);

	net_init_with(cmdline, have_bundle && bundle.network_given ? &bundle.network : NULL);
	if (!have_bundle)
		return;
	const char *why = mgmt_endpoint_start(&bundle);
	if (why)
		log_error("mgmt: %s" MGMT_OFF, why);
	mgmt_config_free(&bundle);
}

static void parse_boot_info(uint32_t kind, uint32_t info_pa)
{
	const char *err = kind == BOOT_KIND_MULTIBOOT2
		? bootinfo_parse_multiboot2(info_pa, paging_phys_map, NULL, &boot_info)
		: bootinfo_parse_pvh(info_pa, paging_phys_map, NULL, &boot_info);
	if (err)
		panic("boot information: %s", err);
}

static void apply_cmdline(const char *cmdline)
{
	uint64_t level;

	if (cmdline_get_u64(cmdline, "loglevel", &level))
		log_set_level(level > LOG_DEBUG ? LOG_DEBUG : (enum log_level)level);
	emu_exit_enable(cmdline_has(cmdline, "test"));
}

static void log_memory(const struct bootinfo *bi)
{
	for (unsigned i = 0; i < bi->memmap.count; i++) {
		const struct memmap_entry *e = &bi->memmap.entries[i];
		log_debug("mem 0x%012llx-0x%012llx %s", (unsigned long long)e->base,
			  (unsigned long long)(e->base + e->length - 1), memmap_type_name(e->type));
	}
	if (bi->memmap.overflow)
		log_warn("memory map has more entries than unihv keeps: some RAM is unused");
	struct page_alloc_stats s;
	pmm_get_stats(&s);
	log_info("memory: %llu KiB usable, %llu KiB free, %llu KiB reserved by the image",
		 (unsigned long long)(memmap_total(&bi->memmap, MEMMAP_USABLE) >> 10),
		 (unsigned long long)(s.free * PAGE_SIZE >> 10),
		 (unsigned long long)(s.reserved * PAGE_SIZE >> 10));
}

static void init_acpi_and_apic(void)
{
	const char *err = acpi_boot_init(&boot_info, &acpi_tables, &madt);
	if (err)
		panic("ACPI: %s", err);
	log_info("acpi: revision %u, OEM '%s', %u tables, %u processors, %u I/O APICs",
		 acpi_tables.revision, acpi_tables.oem_id, acpi_tables.count, madt.cpu_count,
		 madt.ioapic_count);

	pic_disable();
	lapic_init_cpu();
	if (!lapic_is_x2apic())
		paging_set_uncached(madt.lapic_address, 4096);
	lapic_timer_calibrate();
	log_info("lapic: %s mode, APIC ID %u, timer %llu kHz", lapic_is_x2apic() ? "x2APIC" : "xAPIC",
		 lapic_id(), (unsigned long long)(lapic_timer_hz() / 1000));
}

static void print_banner(void)
{
	char vendor[13], brand[49];
	const char *why;
	struct page_alloc_stats s;

	cpu_vendor(vendor);
	cpu_brand(brand);
	pmm_get_stats(&s);
	enum vmx_support vmx = cpu_vmx_support(&why);
	log_info("cpu: %s %s", vendor, brand);
	log_info("VMX: %s (%s)", vmx == VMX_AVAILABLE ? "available" : "not available", why);
	log_info("unihv %s (%s): %u CPUs online, %llu MiB memory, VMX %s", UNIHV_VERSION,
		 UNIHV_GIT_REV, smp_cpus_online(),
		 (unsigned long long)((memmap_total(&boot_info.memmap, MEMMAP_USABLE) + (1 << 20) - 1) >> 20),
		 vmx == VMX_AVAILABLE ? "available" : "not available");
}

_Noreturn void boot_main(uint32_t kind, uint32_t info_pa);

_Noreturn void boot_main(uint32_t kind, uint32_t info_pa)
{
	smp_early_init_bsp();
	serial_init();
	idt_init();
	idt_load();

	parse_boot_info(kind, info_pa);
	apply_cmdline(boot_info.cmdline);
	uint64_t tsc_hz = clock_init();
	unsigned long long seed = 0;
	cpu_random_u64(&seed);
	stack_protector_init(seed);

	log_info("unihv %s booting: loader %s, command line '%s'", UNIHV_VERSION,
		 boot_info.loader[0] ? boot_info.loader : "unknown", boot_info.cmdline);
	log_info("clock: TSC %llu kHz (calibrated by %s)", (unsigned long long)(tsc_hz / 1000),
		 clock_source_name());
	rtc_init();

	pmm_init(&boot_info);
	log_memory(&boot_info);
	init_acpi_and_apic();
	irq_enable();

	unsigned online = smp_start_aps(&madt);
	log_info("smp: %u of %u CPUs online", online, madt.cpu_count);
	pci_init();
	start_network(boot_info.cmdline);
	const char *hv_why;
	bool vmx_on = hv_init(&hv_why);
	log_info("hv: %s", vmx_on ? "virtualization ready" : hv_why);
	print_banner();
	log_info("boot complete");

	selftest_run(boot_info.cmdline);
	/* The boot CPU serves the network by polling (the NIC drivers are
	 * polled); without a network it sleeps between interrupts. */
	for (;;) {
		irq_disable();
		smp_call_poll();
		if (net_enabled()) {
			irq_enable();
			net_poll();
			mgmt_endpoint_poll(clock_ns());
			cpu_relax();
		} else {
			cpu_wait_for_interrupt();
		}
	}
}
