using StateHub.WebApi.FunctionalTests.Infrastructure;

// In the assembly's root namespace on purpose: NUnit runs a SetUpFixture only for fixtures in its
// own namespace and below, and every test fixture lives under StateHub.WebApi.FunctionalTests.
namespace StateHub.WebApi.FunctionalTests;

/// <summary>Starts the run's database once, and drops it at the end.</summary>
[SetUpFixture]
public sealed class FunctionalTestSetup
{
    [OneTimeSetUp]
    public Task StartDatabase() => TestDatabase.EnsureStartedAsync();

    [OneTimeTearDown]
    public Task StopDatabase() => TestDatabase.StopAsync();
}
