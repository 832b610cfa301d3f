namespace StateHub.WebApi.FunctionalTests.Infrastructure;

/// <summary>Starts the run's database once, and drops it at the end.</summary>
[SetUpFixture]
public sealed class FunctionalTestSetup
{
    [OneTimeSetUp]
    public Task StartDatabase() => TestDatabase.EnsureStartedAsync();

    [OneTimeTearDown]
    public Task StopDatabase() => TestDatabase.StopAsync();
}
