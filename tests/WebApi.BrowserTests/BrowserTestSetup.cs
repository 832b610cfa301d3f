using StateHub.WebApi.BrowserTests.Infrastructure;

// In the assembly's root namespace on purpose: NUnit runs a SetUpFixture only for fixtures in its
// own namespace and below, and every test fixture lives under StateHub.WebApi.BrowserTests.
namespace StateHub.WebApi.BrowserTests;

/// <summary>Starts the database, the app on a loopback port and Chromium once for the run.</summary>
[SetUpFixture]
public sealed class BrowserTestSetup
{
    [OneTimeSetUp]
    public Task Start() => BrowserHost.StartAsync();

    [OneTimeTearDown]
    public Task Stop() => BrowserHost.StopAsync();
}
