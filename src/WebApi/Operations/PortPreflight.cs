using System.Net;
using System.Net.Sockets;
using StateHub.Application.Common.Exceptions;

namespace StateHub.WebApi.Operations;

/// <summary>
/// Checks, before anything else starts, that the ports the API will listen on (<c>--urls</c>,
/// <c>ASPNETCORE_URLS</c>) are free, so that a taken port ends the process at once with one line
/// rather than after the database has been provisioned and migrated. Kestrel's own bind failure
/// is still turned into the same line should the port be taken in between.
/// </summary>
public static class PortPreflight
{
    public static void EnsurePortsFree(IConfiguration configuration)
    {
        // Endpoints configured under Kestrel:Endpoints replace the URLs; Kestrel reports those itself.
        if (configuration.GetSection("Kestrel:Endpoints").GetChildren().Any())
            return;
        var urls = configuration[WebHostDefaults.ServerUrlsKey];
        if (string.IsNullOrWhiteSpace(urls))
            return;
        // Metrics__Port adds its own URL to the API's (Telemetry): a clash names that setting.
        var metricsPort = configuration.GetValue<int?>($"{MetricsOptions.SectionName}:Port");
        var all = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (metricsPort is { } shared && all.Count(u => PortOf(u) == shared) > 1)
        {
            throw new StartupFailureException(
                $"Metrics__Port {shared} is also a port the API listens on ({string.Join(", ", all.Where(u => PortOf(u) == shared).SkipLast(1))}). " +
                "Choose another port for /metrics, or leave Metrics__Port unset to serve /metrics on the API's own address.");
        }

        foreach (var url in all)
        {
            if (Parse(url) is not { IsUnixPipe: false, Port: not 0 } address)
                continue;
            foreach (var ip in Addresses(address.Host))
                Probe(url, ip, address.Port, isMetrics: address.Port == metricsPort);
        }
    }

    private static IEnumerable<IPAddress> Addresses(string host) => host switch
    {
        "localhost" => [IPAddress.Loopback],
        "*" or "+" or "0.0.0.0" => [IPAddress.Any],
        "[::]" or "::" => [IPAddress.IPv6Any],
        _ when IPAddress.TryParse(host.Trim('[', ']'), out var ip) => [ip],
        _ => [],
    };

    private static int? PortOf(string url) => Parse(url)?.Port;

    private static BindingAddress? Parse(string url)
    {
        try
        {
            return BindingAddress.Parse(url);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static void Probe(string url, IPAddress ip, int port, bool isMetrics)
    {
        using var socket = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            // Kestrel binds the same way (SO_REUSEADDR on Unix), so a port in TIME_WAIT is not "taken".
            if (!OperatingSystem.IsWindows())
                socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.Bind(new IPEndPoint(ip, port));
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse && isMetrics)
        {
            throw new StartupFailureException(
                $"Port {port} (Metrics__Port, {url}) is already in use. Stop the other process, or set Metrics__Port to a free port " +
                "(or leave it unset to serve /metrics on the API's own address).", ex);
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            throw new StartupFailureException(
                $"Port {port} is already in use ({url}). Stop the other process, or choose another address, " +
                $"e.g. --urls http://127.0.0.1:{(port == 8000 ? 8001 : 8000)} (or ASPNETCORE_URLS).", ex);
        }
        catch (SocketException)
        {
            // Not ours to judge (e.g. an address this machine does not have): Kestrel will say.
        }
    }
}
