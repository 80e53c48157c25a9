/*
 * 16550 UART on COM1 (polled transmit) and the 0xE9 debug port of Bochs
 * and QEMU's isa-debugcon.
 */
#include <stdbool.h>
#include "arch/cpu.h"
#include "console/serial.h"

#define COM1 0x3f8
#define UART_THR 0
#define UART_IER 1
#define UART_FCR 2
#define UART_LCR 3
#define UART_MCR 4
#define UART_LSR 5
#define UART_SCR 7
#define LSR_THRE 0x20

#define E9_PORT 0xe9

static bool uart_present;
static bool e9_present;

void serial_init(void)
{
	/* A UART keeps what is written to its scratch register. */
	outb(COM1 + UART_SCR, 0x5a);
	uart_present = inb(COM1 + UART_SCR) == 0x5a;
	if (uart_present) {
		outb(COM1 + UART_IER, 0x00);
		outb(COM1 + UART_LCR, 0x80); /* DLAB */
		outb(COM1 + 0, 1);           /* 115200 baud */
		outb(COM1 + 1, 0);
		outb(COM1 + UART_LCR, 0x03); /* 8N1 */
		outb(COM1 + UART_FCR, 0xc7);
		outb(COM1 + UART_MCR, 0x03);
	}
	/* The Bochs 0xE9 hack and isa-debugcon read back 0xE9. */
	e9_present = inb(E9_PORT) == E9_PORT;
}

static void uart_putc(char c)
{
	unsigned spins = 0;

	while (!(inb(COM1 + UART_LSR) & LSR_THRE) && ++spins < 100000)
		cpu_relax();
	outb(COM1, (uint8_t)c);
}

void serial_write(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (uart_present) {
			if (c == '\n')
				uart_putc('\r');
			uart_putc(c);
		}
		if (e9_present)
			outb(E9_PORT, (uint8_t)c);
	}
}

bool serial_has_e9(void)
{
	return e9_present;
}
