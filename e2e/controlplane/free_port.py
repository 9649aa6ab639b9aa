"""Prints free TCP ports on 127.0.0.1 (one, or as many as the argument says, distinct, on one
line), for processes that bind them a moment later.

It picks below the kernel's ephemeral range when it can: a port from that range (what binding
port 0 returns) can be taken in between by any outgoing connection, such as one replica dialling
another, and the process it was meant for then fails with "Address already in use". The ports of
one call are distinct: picked one call at a time, two can be the same, and the second process
cannot listen (a CI run's API server found its port taken while etcd started, most likely so).
"""
import random
import socket
import sys

count = int(sys.argv[1]) if len(sys.argv) > 1 else 1
low = int(open("/proc/sys/net/ipv4/ip_local_port_range").read().split()[0])
ports = []


def bindable(port):
    s = socket.socket()
    try:
        s.bind(("127.0.0.1", port))
        return s.getsockname()[1]
    except OSError:
        return None
    finally:
        s.close()


for _ in range(1000 * count):
    port = bindable(random.randrange(10000, low) if low > 11000 else 0)
    if port is not None and port not in ports:
        ports.append(port)
        if len(ports) == count:
            break
else:
    raise SystemExit("free_port: no %d free ports below %d" % (count, low))
print(" ".join(str(p) for p in ports))
