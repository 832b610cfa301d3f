using StateHub.TestKit;

// In the assembly's root namespace on purpose: NUnit runs a SetUpFixture only for fixtures in its
// own namespace and below, and every test fixture lives under StateHub.WebApi.FunctionalTests.
namespace StateHub.WebApi.FunctionalTests;

/// <summary>Starts the run's database once; at the end disposes the shared hosts and drops the database.</summary>
[SetUpFixture]
public sealed class FunctionalTestSetup
{
    [OneTimeSetUp]
    public Task StartDatabase() => TestDatabase.EnsureStartedAsync();

    [OneTimeTearDown]
    public async Task StopDatabase()
    {
        await TestHosts.DisposeAllAsync();
        await TestDatabase.StopAsync();
    }
}
