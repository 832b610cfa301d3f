using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Configuration;
using StateHub.Application.Common.Exceptions;
using StateHub.WebApi.Operations;

namespace StateHub.WebApi.FunctionalTests.Operations;

public sealed class StartupFailuresTests
{
    [Test]
    public void Describe_KestrelBindFailure_SaysHowToChooseAnotherPort()
    {
        var bind = new IOException("Failed to bind to address http://127.0.0.1:8000: address already in use.", new AddressInUseException("Address already in use"));

        var line = StartupFailures.Describe(new AggregateException(bind));

        Assert.That(line, Does.Contain("http://127.0.0.1:8000").And.Contain("--urls"));
    }

    [Test]
    public void Describe_StartupFailureInside_IsItsMessage() =>
        Assert.That(StartupFailures.Describe(new InvalidOperationException("wrapper", new StartupFailureException("Set X."))), Is.EqualTo("Set X."));

    [Test]
    public void Describe_AnythingElse_IsNotAStartupFailure() =>
        Assert.That(StartupFailures.Describe(new InvalidOperationException("bug")), Is.Null);

    [Test]
    public void EnsurePortsFree_PortTaken_ThrowsNamingThePortAndUrls()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["urls"] = $"http://localhost:{port}" }).Build();

        var failure = Assert.Throws<StartupFailureException>(() => PortPreflight.EnsurePortsFree(configuration));

        Assert.That(failure!.Message, Does.Contain($"Port {port} is already in use").And.Contain("--urls"));
    }

    [Test]
    public void EnsurePortsFree_PortFree_DoesNotThrow()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["urls"] = $"http://127.0.0.1:{port};http://[::1]:{port}" }).Build();

        Assert.DoesNotThrow(() => PortPreflight.EnsurePortsFree(configuration));
    }
}
