using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using StateHub.Infrastructure.Persistence;

namespace StateHub.WebApi.FunctionalTests.Infrastructure;

/// <summary>The whole app in memory, on the run's real PostgreSQL, with a clock tests can move.</summary>
/// <remarks>
/// By default the host allows anonymous access (requests without a key act as admin, as before
/// access control), so tests that are not about keys need none; <paramref name="settings"/>
/// overrides that, e.g. with <c>Auth:AdminApiKey</c> and <c>Auth:AllowAnonymous=false</c>.
/// </remarks>
public sealed class StateHubApiFactory(IReadOnlyDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    public StateHubApiFactory()
        : this(null)
    {
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));

    /// <summary>Makes chosen commits fail after everything was written, to prove a rolled-back change leaves nothing behind.</summary>
    public CommitSabotage CommitSabotage { get; } = new();

    public SqlStatementCounter SqlCounter { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Without this guard a missing test database would silently fall back to the service's
        // default embedded cluster, and tests would empty a developer's real data.
        if (string.IsNullOrEmpty(TestDatabase.ConnectionString))
            throw new InvalidOperationException("The test database has not been started: TestDatabase.EnsureStartedAsync() must run first (FunctionalTestSetup).");

        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:StateHub", TestDatabase.ConnectionString);
        builder.UseSetting("Database:ApplyMigrations", "true");
        builder.UseSetting("Auth:AllowAnonymous", "true");
        // No webhook deliveries in the background of tests that do not ask for them (webhook tests
        // turn the worker on through their settings): it would only add locks and noise.
        builder.UseSetting("Webhooks:WorkerEnabled", "false");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton(SqlCounter);
            services.ConfigureDbContext<StateHubDbContext>(options => options.AddInterceptors(SqlCounter, CommitSabotage));
        });
    }
}
