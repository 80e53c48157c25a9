#!/usr/bin/python3
"""The service blocks of proto/unihv.proto (what stock ttRPC clients
generate stubs from) against the appliance's method table
(mgmt/service_table.c): the same methods, the same request and response
messages, and "reader" marking exactly the methods a read-only client may
call.  One PASS:/FAIL: line per method, and one per direction of the
comparison."""
import re
import sys

root = sys.argv[1] if len(sys.argv) > 1 else "."
proto = open(f"{root}/proto/unihv.proto").read()
table = open(f"{root}/mgmt/service_table.c").read()

declared = {}
for service, body in re.findall(r"service\s+(\w+)\s*\{(.*?)\n\}", proto, re.S):
    for line in body.splitlines():
        m = re.match(r"\s*rpc\s+(\w+)\((\w+)\)\s+returns\s+\((\w+)\);(.*)", line)
        if m:
            method, req, resp, comment = m.groups()
            declared[f"{service}/{method}"] = (req, resp, "reader" in comment)

served = {}
joined = re.sub(r"\s+", " ", table)
for kind, service, method, req, resp in re.findall(
        r"(READER|WRITER)\(\"(\w+)\", \"(\w+)\", \w+, (\w+), (\w+)\)", joined):
    served[f"{service}/{method}"] = (req, resp, kind == "READER")

failed = 0
for name in sorted(set(declared) | set(served)):
    d, s = declared.get(name), served.get(name)
    if d == s:
        print(f"PASS: proto-services: {name} matches ({d[0]} -> {d[1]}, {'reader' if d[2] else 'admin'})")
    else:
        failed += 1
        print(f"FAIL: proto-services: {name}: proto {d}, table {s}")
if not declared or not served:
    failed += 1
    print(f"FAIL: proto-services: nothing parsed (proto {len(declared)}, table {len(served)})")
sys.exit(1 if failed else 0)
