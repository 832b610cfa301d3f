using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using StateHub.WebApi.FunctionalTests.Infrastructure;

namespace StateHub.WebApi.BrowserTests.Infrastructure;

/// <summary>The whole app on a real loopback Kestrel port (a browser needs a socket), on the run's PostgreSQL, with a clock tests can move.</summary>
/// <remarks>Anonymous access is allowed (no sign-in needed) unless <paramref name="settings"/> says otherwise.</remarks>
public sealed class DashboardAppFactory(IReadOnlyDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    public DashboardAppFactory()
        : this(null) => UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));

    /// <summary>Makes a factory with these settings listen on a loopback port too.</summary>
    public static DashboardAppFactory WithSettings(IReadOnlyDictionary<string, string?> settings)
    {
        var factory = new DashboardAppFactory(settings);
        factory.UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
        return factory;
    }

    public FakeTimeProvider Clock { get; } = new(BrowserHost.Epoch);

    /// <summary>The address the server listens on, e.g. <c>http://127.0.0.1:41234/</c>; set by <see cref="Start"/>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public void Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("Kestrel reported no listening address.");
        var address = addresses.Single();
        BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Without this guard a missing test database would silently fall back to the service's
        // default embedded cluster, and tests would empty a developer's real data.
        if (string.IsNullOrEmpty(TestDatabase.ConnectionString))
            throw new InvalidOperationException("The test database has not been started: TestDatabase.EnsureStartedAsync() must run first (BrowserTestSetup).");

        builder.UseEnvironment("Testing");
        builder.UseSetting("Auth:AllowAnonymous", "true");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            builder.UseSetting(key, value);
        builder.UseSetting("ConnectionStrings:StateHub", TestDatabase.ConnectionString);
        builder.UseSetting("Database:ApplyMigrations", "true");
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }
}
