using System.Net;
using System.Net.Sockets;
using StateHub.Application.Webhooks;

namespace StateHub.Infrastructure.Webhooks;

/// <summary>
/// The webhook client's connection handler: no proxy, no redirects, no cookies, and a connect
/// callback that resolves the host itself, checks every address and connects only to a checked
/// one, so a DNS answer that changed since the subscription was made cannot reach a private network.
/// </summary>
internal static class WebhookHttpHandler
{
    public const string ClientName = "StateHub.Webhooks";

    public static SocketsHttpHandler Create(Func<WebhookOptions> options) => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.None,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectTimeout = TimeSpan.FromSeconds(10),
        ConnectCallback = async (context, cancellationToken) =>
        {
            var host = context.DnsEndPoint.Host;
            IPAddress[] addresses;
            if (options().AllowPrivateNetworks)
            {
                addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
                    ? [literal]
                    : await Dns.GetHostAddressesAsync(host, cancellationToken);
            }
            else
            {
                addresses = await WebhookTargetGuard.ResolveAllowedAsync(host, cancellationToken);
            }

            Exception? last = null;
            foreach (var address in addresses)
            {
                var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch (Exception ex) when (ex is SocketException or OperationCanceledException)
                {
                    socket.Dispose();
                    last = ex;
                    if (ex is OperationCanceledException)
                        throw;
                }
            }

            throw last ?? new SocketException((int)SocketError.HostNotFound);
        },
    };
}
