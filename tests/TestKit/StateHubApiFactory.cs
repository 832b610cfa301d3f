using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using StateHub.Infrastructure.Persistence;

namespace StateHub.TestKit;

/// <summary>The whole app in memory, on the run's real PostgreSQL, with a clock tests can move.</summary>
/// <remarks>
/// By default the host allows anonymous access (requests without a key act as admin, as before
/// access control), so tests that are not about keys need none; <paramref name="settings"/>
/// overrides that, e.g. with <c>Auth:AdminApiKey</c> and <c>Auth:AllowAnonymous=false</c>.
/// Starting a host costs a second or more, so fixtures share one per configuration through
/// <see cref="TestHosts"/>; build one directly only for a test about a second node.
/// </remarks>
public class StateHubApiFactory(IReadOnlyDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    /// <summary>The moment every test starts at: 2 Nov 2026, 09:00 UTC.</summary>
    public static readonly DateTimeOffset Epoch = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private static int _starts;

    public StateHubApiFactory()
        : this(null)
    {
    }

    /// <summary>How many hosts this test run has built (each is a full app start: DI, migrations check, hosted services).</summary>
    public static int HostStarts => Volatile.Read(ref _starts);

    /// <summary>The lane (database) of the fixture that built this host: its database is the host's.</summary>
    public TestLane Lane { get; } = TestLanes.Current;

    /// <summary>The configuration this host starts with on top of the test defaults.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; } = settings ?? new Dictionary<string, string?>();

    public FakeTimeProvider Clock { get; } = new(Epoch);

    /// <summary>Makes chosen commits fail after everything was written, to prove a rolled-back change leaves nothing behind.</summary>
    public CommitSabotage CommitSabotage { get; } = new();

    public SqlStatementCounter SqlCounter { get; } = new();

    /// <summary>Stops a chosen statement before it is sent, to interleave two requests' transactions.</summary>
    public StatementGate StatementGate { get; } = new();

    /// <summary>The address of a host started with <see cref="StartOnLoopback"/>, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Serves the app on a real loopback Kestrel port (a browser needs a socket) and sets <see cref="BaseAddress"/>.</summary>
    public void StartOnLoopback()
    {
        UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("Kestrel reported no listening address.");
        var address = addresses.Single();
        BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
    }

    /// <summary>Back to the start of a test: the clock at <see cref="Epoch"/>, no sabotage armed, nothing recorded.</summary>
    public void ResetForTest()
    {
        // AdjustTime, not SetUtcNow: a test may have moved the clock on, and SetUtcNow refuses to go back.
        Clock.AdjustTime(Epoch);
        CommitSabotage.Disarm();
        StatementGate.Open();
        SqlCounter.Record().Dispose();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Lane was taken at construction, which fails when the test database has not been started:
        // otherwise the host would fall back to the service's default embedded cluster, and tests
        // would empty a developer's real data.
        Interlocked.Increment(ref _starts);
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:StateHub", Lane.ConnectionString);
        builder.UseSetting("Database:ApplyMigrations", "true");
        builder.UseSetting("Auth:AllowAnonymous", "true");
        // Warnings and errors only: every request's Information lines cost CPU, and no one reads a
        // test host's console (tests about logs add a provider of their own).
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // No webhook deliveries in the background of tests that do not ask for them (webhook tests
        // turn the worker on through their settings): it would only add locks and noise.
        builder.UseSetting("Webhooks:WorkerEnabled", "false");
        // Nor a claim sweep every 15 s of real time in every live host: its statements and commits
        // would land in a test's SQL count or take its armed commit sabotage. Tests about the sweep
        // set a short interval (TaskClaimMultiHostTests: Work:ClaimSweepSeconds=0.2).
        builder.UseSetting("Work:ClaimSweepSeconds", "3600");
        foreach (var (key, value) in Settings)
            builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton(SqlCounter);
            services.ConfigureDbContext<StateHubDbContext>(options => options.AddInterceptors(SqlCounter, CommitSabotage, StatementGate));
        });
    }
}
