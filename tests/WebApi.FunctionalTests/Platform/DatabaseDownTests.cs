using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace StateHub.WebApi.FunctionalTests.Platform;

/// <summary>A host whose database does not answer: reads, writes and readiness are 503 problems, never 500s.</summary>
public sealed class DatabaseDownTests
{
    private sealed class UnreachableDatabaseFactory : WebApplicationFactory<Program>
    {
        private static readonly int ClosedPort = ClosedLoopbackPort();

        public CollectingLoggerProvider Logs { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Auth:AllowAnonymous", "true");
            builder.ConfigureLogging(logging => logging.AddProvider(Logs));
            builder.UseSetting("ConnectionStrings:StateHub", $"Host=127.0.0.1;Port={ClosedPort};Username=nobody;Password=none;Database=none;Timeout=2");
            builder.UseSetting("Database:ApplyMigrations", "false");
        }

        private static int ClosedLoopbackPort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }

    private UnreachableDatabaseFactory _factory = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public void Start()
    {
        _factory = new UnreachableDatabaseFactory();
        _client = _factory.CreateClient();
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
    }

    [TestCase("GET", "/repos/")]
    [TestCase("GET", "/repos/doi/summary")]
    [TestCase("GET", "/repos/some-repo/dispatch")]
    [TestCase("POST", "/domains/")]
    public async Task Request_DatabaseUnreachable_Returns503ProblemWithDetail(string method, string url)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method == "POST")
            request.Content = new StringContent("{\"slug\":\"x\",\"name\":\"X\"}", System.Text.Encoding.UTF8, "application/json");

        var response = await _client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), body);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(JsonNode.Parse(body)!["detail"]!.GetValue<string>(), Is.Not.Empty);
        Assert.That(response.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(5)), "Retry-After");
    }

    [Test]
    public async Task Request_DatabaseUnreachable_IsLoggedOnceAsAWarningWithoutStackTrace()
    {
        _factory.Logs.Clear();

        var response = await _client.GetAsync("/repos/");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        // Background services (claim sweep, idempotency purge) report the outage on their own schedule; this is about the request.
        var loud = _factory.Logs.Entries.Where(e => e.Level >= LogLevel.Warning
            && !e.Category.StartsWith("AutoMapper", StringComparison.Ordinal)
            && !e.Category.EndsWith("SweepService", StringComparison.Ordinal)
            && !e.Category.EndsWith("PurgeService", StringComparison.Ordinal)).ToList();
        Assert.That(loud.Select(e => $"{e.Level} {e.Category}: {e.Message}").ToList(), Has.Count.EqualTo(1));
        Assert.That(loud[0].Level, Is.EqualTo(LogLevel.Warning));
        Assert.That(loud[0].Exception, Is.Null, "no stack trace");
    }

    internal sealed record LogEntry(string Category, LogLevel Level, string Message, Exception? Exception);

    internal sealed class CollectingLoggerProvider : ILoggerProvider
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<LogEntry> _entries = new();

        public IReadOnlyList<LogEntry> Entries => _entries.ToList();

        public void Clear() => _entries.Clear();

        public ILogger CreateLogger(string categoryName) => new Collector(categoryName, _entries);

        public void Dispose()
        {
        }

        private sealed class Collector(string category, System.Collections.Concurrent.ConcurrentQueue<LogEntry> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                entries.Enqueue(new LogEntry(category, logLevel, formatter(state, exception), exception));
        }
    }

    [Test]
    public async Task HealthReady_DatabaseUnreachable_Returns503_WhileLiveStays200()
    {
        var ready = await _client.GetAsync("/health/ready");
        var live = await _client.GetAsync("/health/live");

        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(ready.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero));
        Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}
