using System.Net;
using System.Net.Sockets;

namespace StateHub.Infrastructure.Webhooks;

/// <summary>Which addresses a webhook may never reach unless private networks are allowed (SSRF).</summary>
internal static class NetworkAddressPolicy
{
    /// <summary>Why <paramref name="address"/> is off limits, or null when it is a public address.</summary>
    public static string? Forbidden(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return b[0] switch
            {
                0 => "an unspecified ('this network') address",
                10 => "a private address",
                127 => "a loopback address",
                100 when b[1] >= 64 && b[1] <= 127 => "a shared (carrier-grade NAT) address",
                169 when b[1] == 254 => "a link-local address (cloud metadata lives there)",
                172 when b[1] >= 16 && b[1] <= 31 => "a private address",
                192 when b[1] == 168 => "a private address",
                192 when b[1] == 0 && b[2] == 0 => "a reserved (IETF protocol) address",
                198 when b[1] is 18 or 19 => "a reserved (benchmarking) address",
                >= 224 and <= 239 => "a multicast address",
                >= 240 => "a reserved or broadcast address",
                _ => null,
            };
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (IPAddress.IPv6Loopback.Equals(address))
                return "a loopback address";
            if (IPAddress.IPv6None.Equals(address) || IPAddress.IPv6Any.Equals(address))
                return "an unspecified address";
            if (address.IsIPv6LinkLocal)
                return "a link-local address";
            if (address.IsIPv6SiteLocal)
                return "a site-local address";
            if (address.IsIPv6Multicast)
                return "a multicast address";
            if (address.IsIPv6UniqueLocal)
                return "a private (unique local) address";
            var b = address.GetAddressBytes();
            // IPv4-compatible (::a.b.c.d) and NAT64 (64:ff9b::/96) forms carry an IPv4 address.
            if (b.Take(12).All(x => x == 0))
                return Forbidden(new IPAddress(b[12..]));
            if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b.Skip(4).Take(8).All(x => x == 0))
                return Forbidden(new IPAddress(b[12..]));
            // 6to4 (2002::/16) embeds an IPv4 address in bytes 2-5.
            if (b[0] == 0x20 && b[1] == 0x02)
                return Forbidden(new IPAddress(b[2..6]));
            return null;
        }

        return "not an IP address";
    }
}

/// <summary>Thrown when a webhook target resolves to an address the policy refuses.</summary>
internal sealed class WebhookTargetRefusedException(string message, bool forbiddenAddress = false) : Exception(message)
{
    /// <summary>True when the target resolved to a refused address (rather than not resolving at all).</summary>
    public bool ForbiddenAddress { get; } = forbiddenAddress;
}
