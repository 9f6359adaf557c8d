"""Which network a client address belongs to, for the limits that count per network.

One person's connection rarely has one fixed address: an IPv6 connection usually holds a
whole /64 network, and a provider hands out IPv4 addresses from small blocks. Counting
single addresses would give whoever wants to get past a limit a fresh "client" for every
address of their network.
"""

import ipaddress

IPV4_NETWORK_BITS = 24
IPV6_NETWORK_BITS = 64


def network_of(
    client: str, *, ipv4_bits: int = IPV4_NETWORK_BITS, ipv6_bits: int = IPV6_NETWORK_BITS
) -> str:
    """The network of ``client`` as text, e.g. ``192.0.2.0/24`` or ``2001:db8:1:2::/64``.

    An IPv4 address inside IPv6 (``::ffff:192.0.2.7``) counts as IPv4. A string that is no
    IP address (Reflex's placeholder for an unknown client, say) counts as itself.
    """
    try:
        address = ipaddress.ip_address(client.strip())
    except ValueError:
        return client
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    bits = ipv4_bits if address.version == 4 else ipv6_bits
    return str(ipaddress.ip_network((address, bits), strict=False))
