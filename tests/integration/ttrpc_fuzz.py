#!/usr/bin/python3
"""Malformed ttRPC frames against the management endpoint.

    ttrpc_fuzz.py HOST PORT PKI_DIR [CLIENT]

Each case opens its own TLS session (client certificate PKI_DIR/CLIENT.crt,
default "client") and prints one line, "PASS: name" or "FAIL: name: why"
(tests/integration/lib.sh's convention); the exit status is 1 when a case
failed.  Protobuf is encoded by hand (a few varints and strings), so the
script needs only Debian python's ssl module.  Expected answers
(mgmt/rpc_conn.c): a protocol error is answered on its stream and the
connection closed; an unknown service or method is answered with
UNIMPLEMENTED and the connection stays usable.
"""
import socket
import ssl
import struct
import sys

HOST, PORT, PKI = sys.argv[1], int(sys.argv[2]), sys.argv[3]
CLIENT = sys.argv[4] if len(sys.argv) > 4 else "client"
TIMEOUT = 30.0
failures = 0


def result(name, ok, why=""):
    global failures
    if ok:
        print("PASS: fuzz: %s" % name, flush=True)
    else:
        failures += 1
        print("FAIL: fuzz: %s: %s" % (name, why), flush=True)


def varint(v):
    out = b""
    while True:
        b = v & 0x7F
        v >>= 7
        if v:
            out += bytes([b | 0x80])
        else:
            return out + bytes([b])


def field_bytes(num, data):
    return varint(num << 3 | 2) + varint(len(data)) + data


def request(service, method, payload=b""):
    body = field_bytes(1, service.encode()) + field_bytes(2, method.encode())
    if payload:
        body += field_bytes(3, payload)
    return body


def frame(body, stream, ftype=1, length=None):
    n = len(body) if length is None else length
    return struct.pack(">IIBB", n, stream, ftype, 0) + body


def parse_fields(data):
    """Top-level fields of a protobuf message: {num: value} (last wins)."""
    fields, i = {}, 0
    while i < len(data):
        key, i = read_varint(data, i)
        num, wt = key >> 3, key & 7
        if wt == 0:
            val, i = read_varint(data, i)
        elif wt == 2:
            n, i = read_varint(data, i)
            val, i = data[i:i + n], i + n
        else:
            raise ValueError("wire type %d" % wt)
        fields[num] = val
    return fields


def read_varint(data, i):
    v, shift = 0, 0
    while True:
        b = data[i]
        i += 1
        v |= (b & 0x7F) << shift
        shift += 7
        if not b & 0x80:
            return v, i


def connect():
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    ctx.maximum_version = ssl.TLSVersion.TLSv1_2
    ctx.check_hostname = False
    ctx.load_verify_locations(PKI + "/ca.crt")
    ctx.load_cert_chain(PKI + "/%s.crt" % CLIENT, PKI + "/%s.key" % CLIENT)
    raw = socket.create_connection((HOST, PORT), timeout=TIMEOUT)
    s = ctx.wrap_socket(raw)
    s.settimeout(TIMEOUT)
    return s


def recv_exact(s, n):
    buf = b""
    while len(buf) < n:
        d = s.recv(n - len(buf))
        if not d:
            return None
        buf += d
    return buf


def read_response(s):
    """(stream, code, message) of the next frame, or None at end of stream."""
    try:
        hdr = recv_exact(s, 10)
        if hdr is None:
            return None
        n, stream, ftype, _ = struct.unpack(">IIBB", hdr)
        body = recv_exact(s, n)
        if body is None:
            return None
    except (ssl.SSLError, ConnectionError):
        return None
    resp = parse_fields(body)
    status = parse_fields(resp.get(1, b""))
    return stream, status.get(1, 0), status.get(2, b"").decode(errors="replace")


def closed(s):
    """True when the peer ends the session (EOF, close_notify or reset)."""
    try:
        while True:
            d = s.recv(4096)
            if not d:
                return True
    except socket.timeout:
        return False
    except (ssl.SSLError, ConnectionError, OSError):
        return True


def expect_error_then_close(name, data, stream, code, err):
    try:
        s = connect()
        s.sendall(data)
        r = read_response(s)
        if r is None:
            result(name, False, "no response before the close")
        elif r[0] != stream or r[1] != code or not r[2].startswith(err):
            result(name, False, "got stream %d code %d '%s'" % r)
        elif not closed(s):
            result(name, False, "the connection stayed open")
        else:
            result(name, True)
        s.close()
    except Exception as e:  # noqa: BLE001 - any failure is a FAIL line
        result(name, False, repr(e))


def expect_error_stay_open(name, body, code, err):
    try:
        s = connect()
        s.sendall(frame(body, 1))
        r = read_response(s)
        if r is None or r[0] != 1 or r[1] != code or not r[2].startswith(err):
            result(name, False, "got %r" % (r,))
            return
        # The same session still answers a valid call.
        s.sendall(frame(request("unihv.v1.Host", "Version"), 3))
        r = read_response(s)
        if r is None or r[0] != 3 or r[1] != 0:
            result(name, False, "Version after it: %r" % (r,))
        else:
            result(name, True)
        s.close()
    except Exception as e:  # noqa: BLE001
        result(name, False, repr(e))


# 1. A header announcing a body far over the 68 KiB limit.
expect_error_then_close("oversized length", frame(b"", 1, length=0x7FFFFFF0), 1, 8,
                        "UNIHV_E_FRAME_TOO_LARGE")

# 2. A truncated frame, then the client closes: nothing to answer; the
#    endpoint must simply drop the session (checked by the next cases and
#    the status call after this script).
try:
    s = connect()
    s.sendall(frame(request("unihv.v1.Host", "Version"), 1)[:15])
    s.close()
    result("truncated frame then close", True)
except Exception as e:  # noqa: BLE001
    result("truncated frame then close", False, repr(e))

# 3. Garbage instead of a ttrpc.Request (a length-delimited field running
#    past the end).
expect_error_then_close("garbage protobuf", frame(b"\x0a\x7f\xff\xff\xff\x01garbage", 5), 5, 3,
                        "UNIHV_E_MALFORMED_REQUEST")

# 4. An unknown service and 5. an unknown method: UNIMPLEMENTED, session kept.
expect_error_stay_open("unknown service", request("unihv.v1.Nope", "Version"), 12,
                       "UNIHV_E_UNKNOWN_METHOD")
expect_error_stay_open("unknown method", request("unihv.v1.Host", "Nope"), 12,
                       "UNIHV_E_UNKNOWN_METHOD")

# 6. An even (server-side) stream id.
expect_error_then_close("even stream id", frame(request("unihv.v1.Host", "Version"), 2), 2, 3,
                        "UNIHV_E_BAD_STREAM_ID")

# 7. A response frame (type 2) sent to the server.
expect_error_then_close("response frame to the server",
                        frame(request("unihv.v1.Host", "Version"), 7, ftype=2), 7, 3,
                        "UNIHV_E_BAD_FRAME_TYPE")

sys.exit(1 if failures else 0)
