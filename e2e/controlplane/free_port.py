"""Prints a free TCP port on 127.0.0.1, for a process that binds it a moment later.

It picks below the kernel's ephemeral range when it can: a port from that range (what binding
port 0 returns) can be taken in between by any outgoing connection, such as one replica dialling
another, and the process it was meant for then fails with "Address already in use".
"""
import random
import socket

low = int(open("/proc/sys/net/ipv4/ip_local_port_range").read().split()[0])
candidates = (random.randrange(10000, low) for _ in range(1000)) if low > 11000 else iter([0])
for candidate in candidates:
    s = socket.socket()
    try:
        s.bind(("127.0.0.1", candidate))
        print(s.getsockname()[1])
        break
    except OSError:
        continue
    finally:
        s.close()
else:
    raise SystemExit("free_port: no free port below %d" % low)
