/*
 * The echo service.  Flow control: received data is kept (as lwIP's pbuf
 * chain) until it has been written back, and the receive window is opened
 * (tcp_recved) only by what was written, so a client that does not read
 * stops being read from, and memory per connection stays within one
 * receive window.
 */
#include <stdbool.h>
#include <stdlib.h>
#include "net/echo.h"
#include "console/log.h"
#include "lwip/tcp.h"

struct echo_conn {
	struct tcp_pcb *pcb;
	struct pbuf *pending;  /* received, not yet written back */
	bool remote_closed;
	uint64_t bytes;
};

static struct echo_stats stats;

const struct echo_stats *echo_get_stats(void)
{
	return &stats;
}

static void conn_free(struct echo_conn *c)
{
	if (c->pending)
		pbuf_free(c->pending);
	free(c);
}

static err_t echo_recv(void *arg, struct tcp_pcb *pcb, struct pbuf *p, err_t err);
static err_t echo_sent(void *arg, struct tcp_pcb *pcb, u16_t len);
static err_t echo_poll(void *arg, struct tcp_pcb *pcb);
static void echo_error(void *arg, err_t err);

/* lwIP's slow timer runs every 500 ms: poll a connection every second. */
#define POLL_INTERVAL 2

static void attach(struct tcp_pcb *pcb, struct echo_conn *c)
{
	tcp_arg(pcb, c);
	tcp_recv(pcb, echo_recv);
	tcp_sent(pcb, echo_sent);
	tcp_err(pcb, echo_error);
	tcp_poll(pcb, echo_poll, POLL_INTERVAL);
}

static void detach(struct tcp_pcb *pcb)
{
	tcp_arg(pcb, NULL);
	tcp_recv(pcb, NULL);
	tcp_sent(pcb, NULL);
	tcp_err(pcb, NULL);
	tcp_poll(pcb, NULL, 0);
}

/* Abort from inside a callback: the caller must return ERR_ABRT. */
static err_t conn_abort(struct echo_conn *c, const char *why)
{
	log_warn("echo: connection aborted: %s", why);
	detach(c->pcb);
	tcp_abort(c->pcb);
	conn_free(c);
	stats.failed++;
	return ERR_ABRT;
}

/* Everything echoed and acknowledged: close.  A failed close is retried
 * from the poll callback. */
static void conn_try_close(struct echo_conn *c)
{
	struct tcp_pcb *pcb = c->pcb;

	detach(pcb);
	if (tcp_close(pcb) != ERR_OK) {
		attach(pcb, c);
		return;
	}
	log_info("echo: connection closed after %llu bytes", (unsigned long long)c->bytes);
	conn_free(c);
	stats.closed++;
}

/* Write back as much as the send buffer takes.  ERR_ABRT if aborted. */
static err_t echo_flush(struct echo_conn *c)
{
	struct tcp_pcb *pcb = c->pcb;

	while (c->pending) {
		struct pbuf *q = c->pending;
		if (q->len == 0) { /* lwIP may leave empty pbufs in a chain */
			c->pending = q->next;
			q->next = NULL;
			pbuf_free(q);
			continue;
		}
		u16_t room = tcp_sndbuf(pcb);
		if (room == 0)
			break;
		u16_t len = q->len < room ? q->len : room;
		u8_t flags = TCP_WRITE_FLAG_COPY;
		if (q->next || len < q->len)
			flags |= TCP_WRITE_FLAG_MORE;
		err_t err = tcp_write(pcb, q->payload, len, flags);
		if (err == ERR_MEM)
			break; /* the send queue is full: resume from the sent callback */
		if (err != ERR_OK)
			return conn_abort(c, "tcp_write failed");
		c->pending = pbuf_free_header(q, len);
		c->bytes += len;
		stats.bytes += len;
		tcp_recved(pcb, len);
	}
	if (tcp_output(pcb) != ERR_OK)
		return ERR_OK; /* retried on the next ACK or poll */
	if (c->remote_closed && !c->pending && tcp_sndqueuelen(pcb) == 0)
		conn_try_close(c);
	return ERR_OK;
}

static err_t echo_recv(void *arg, struct tcp_pcb *pcb, struct pbuf *p, err_t err)
{
	struct echo_conn *c = arg;

	if (!c) { /* closing: nobody wants the data */
		if (p) {
			tcp_recved(pcb, p->tot_len);
			pbuf_free(p);
		}
		return ERR_OK;
	}
	if (!p) {
		c->remote_closed = true;
		return echo_flush(c);
	}
	if (err != ERR_OK) {
		pbuf_free(p);
		return err;
	}
	if (c->pending)
		pbuf_cat(c->pending, p);
	else
		c->pending = p;
	return echo_flush(c);
}

static err_t echo_sent(void *arg, struct tcp_pcb *pcb, u16_t len)
{
	(void)pcb;
	(void)len;
	return arg ? echo_flush(arg) : ERR_OK;
}

static err_t echo_poll(void *arg, struct tcp_pcb *pcb)
{
	struct echo_conn *c = arg;

	if (!c)
		return ERR_OK;
	if (c->remote_closed && !c->pending && tcp_sndqueuelen(pcb) == 0) {
		conn_try_close(c);
		return ERR_OK;
	}
	return echo_flush(c);
}

/* The connection is gone (reset by the peer, or lwIP gave up); the pcb
 * is already freed. */
static void echo_error(void *arg, err_t err)
{
	struct echo_conn *c = arg;

	if (!c)
		return;
	log_warn("echo: connection lost (lwIP error %d) after %llu bytes", err,
		 (unsigned long long)c->bytes);
	conn_free(c);
	stats.failed++;
}

static err_t echo_accept(void *arg, struct tcp_pcb *pcb, err_t err)
{
	(void)arg;
	if (err != ERR_OK || !pcb)
		return ERR_VAL;
	struct echo_conn *c = calloc(1, sizeof(*c));
	if (!c) {
		tcp_abort(pcb);
		stats.failed++;
		return ERR_ABRT;
	}
	c->pcb = pcb;
	stats.accepted++;
	tcp_nagle_disable(pcb);
	attach(pcb, c);
	return ERR_OK;
}

const char *echo_start(uint16_t port)
{
	struct tcp_pcb *pcb = tcp_new_ip_type(IPADDR_TYPE_ANY);

	if (!pcb)
		return "no TCP PCB for the listener";
	if (tcp_bind(pcb, IP_ANY_TYPE, port) != ERR_OK) {
		tcp_close(pcb);
		return "the port is in use";
	}
	struct tcp_pcb *listener = tcp_listen_with_backlog(pcb, 4);
	if (!listener) {
		tcp_close(pcb);
		return "tcp_listen failed";
	}
	tcp_accept(listener, echo_accept);
	return NULL;
}
