using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Webhooks;

namespace StateHub.Infrastructure.Webhooks;

/// <summary>
/// Refuses webhook targets that are not http(s) or that resolve to loopback, private, link-local
/// or multicast addresses, unless <c>Webhooks:AllowPrivateNetworks</c>. A name that does not
/// resolve when the subscription is saved is accepted: it is not known to be private. The same check runs again
/// when connecting (<see cref="WebhookHttpHandler"/>), since DNS answers can change.
/// </summary>
internal sealed class WebhookTargetGuard(IOptionsMonitor<WebhookOptions> options) : IWebhookTargetGuard
{
    /// <summary>How long saving a subscription waits for DNS before leaving the check to the deliveries.</summary>
    private static readonly TimeSpan ResolveTimeout = TimeSpan.FromSeconds(3);

    public async Task<string?> RefusalAsync(string url, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            return "'url' must be an absolute http:// or https:// URL.";
        if (options.CurrentValue.AllowPrivateNetworks)
            return null;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ResolveTimeout);
        try
        {
            await ResolveAllowedAsync(uri.IdnHost, timeout.Token);
            return null;
        }
        catch (WebhookTargetRefusedException ex) when (ex.ForbiddenAddress)
        {
            return ex.Message + " Set Webhooks__AllowPrivateNetworks=true to allow private targets.";
        }
        catch (WebhookTargetRefusedException)
        {
            // A name that does not resolve from here (yet) is not a private target: the subscription
            // is kept, and each delivery checks the address again when it connects.
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>The addresses of <paramref name="host"/>, all checked; throws when any is refused or none is found.</summary>
    public static async Task<IPAddress[]> ResolveAllowedAsync(string host, CancellationToken cancellationToken)
    {
        IPAddress[] addresses;
        if (IPAddress.TryParse(host.Trim('[', ']'), out var literal))
        {
            addresses = [literal];
        }
        else
        {
            try
            {
                addresses = await Dns.GetHostAddressesAsync(host, cancellationToken);
            }
            catch (SocketException ex)
            {
                throw new WebhookTargetRefusedException($"The host '{host}' cannot be resolved ({ex.SocketErrorCode}).");
            }
            catch (ArgumentException)
            {
                // A name longer than DNS allows (255 characters) or with an empty label.
                throw new WebhookTargetRefusedException($"The host '{host}' is not a name DNS can resolve.");
            }
        }

        if (addresses.Length == 0)
            throw new WebhookTargetRefusedException($"The host '{host}' has no address.");
        foreach (var address in addresses)
        {
            if (NetworkAddressPolicy.Forbidden(address) is { } why)
                throw new WebhookTargetRefusedException($"The host '{host}' resolves to {address}, {why}; webhooks may not target loopback, private, link-local or multicast networks.", forbiddenAddress: true);
        }

        return addresses;
    }
}
