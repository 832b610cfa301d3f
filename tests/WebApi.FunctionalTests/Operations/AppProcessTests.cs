using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Npgsql;
using StateHub.WebApi.FunctionalTests.Infrastructure;

namespace StateHub.WebApi.FunctionalTests.Operations;

/// <summary>
/// The real built app started as a process, as an operator starts it: how it fails at start (one
/// line on stderr, exit code 1), that a healthy start and a few requests log nothing at Warning or
/// above, JSON logs, and two nodes migrating one empty database together. Runs beside other
/// fixtures, on a lane of its own (<see cref="TestLanes"/>).
/// </summary>
public sealed class AppProcessTests
{
    private TestLane _lane = null!;

    [OneTimeSetUp]
    public async Task TakeALane() => _lane = await TestLanes.AcquireAsync();

    [OneTimeTearDown]
    public void GiveTheLaneBack()
    {
        if (_lane is not null)
            TestLanes.Release(_lane);
    }

    private static readonly Regex WarningOrAbove = new(@"^\S+ (warn|fail|crit): ", RegexOptions.CultureInvariant);

    [Test]
    public async Task Start_PortTaken_ExitsWithCode1AndOneLineOnStderrSayingHowToChooseAnother()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var started = Stopwatch.StartNew();
        await using var app = AppProcess.Start(new Dictionary<string, string?> { ["ConnectionStrings__StateHub"] = TestDatabase.ConnectionString }, port);
        var exited = await app.WaitForExitAsync(TimeSpan.FromSeconds(10));

        Assert.That(exited, Is.True, $"still running after 10 s\n{app.Output()}");
        Assert.That(started.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)));
        Assert.That(app.ExitCode, Is.EqualTo(1), app.Output());
        Assert.That(app.Stderr, Has.Count.EqualTo(1), app.Output());
        Assert.That(app.Stderr[0], Does.Contain(port.ToString(System.Globalization.CultureInfo.InvariantCulture)).And.Contain("--urls"));
        Assert.That(app.Stdout.Where(l => WarningOrAbove.IsMatch(l)), Is.Empty, app.Output());
    }

    /// <summary>A clash of /metrics' own port names Metrics__Port, not --urls: that is the setting to change.</summary>
    [TestCase(true)]
    [TestCase(false)]
    public async Task Start_MetricsPortTakenOrTheApisOwn_OneLineNamingMetricsPort(bool takenByAnother)
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var otherPort = ((IPEndPoint)taken.LocalEndpoint).Port;
        var apiPort = AppProcess.FreePort();
        var metricsPort = takenByAnother ? otherPort : apiPort;

        await using var app = AppProcess.Start(new Dictionary<string, string?>
        {
            ["ConnectionStrings__StateHub"] = TestDatabase.ConnectionString,
            ["Metrics__Port"] = metricsPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, apiPort);
        var exited = await app.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.That(exited, Is.True, app.Output());
        Assert.That(app.ExitCode, Is.EqualTo(1), app.Output());
        Assert.That(app.Stderr, Has.Count.EqualTo(1), app.Output());
        Assert.That(app.Stderr[0], Does.Contain("Metrics__Port").And.Contain(takenByAnother ? "already in use" : "also a port the API listens on"));
    }

    [Test]
    public async Task Start_DatabaseUnreachableAfterRetryBudget_ExitsWithCode1AndOneLine()
    {
        var closedPort = AppProcess.FreePort();
        var connectionString = $"Host=127.0.0.1;Port={closedPort};Username=nobody;Password=x;Database=statehub;Timeout=2";

        await using var app = AppProcess.Start(new Dictionary<string, string?>
        {
            ["ConnectionStrings__StateHub"] = connectionString,
            ["Database__StartupTimeoutSeconds"] = "2",
        });
        var exited = await app.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.That(exited, Is.True, app.Output());
        Assert.That(app.ExitCode, Is.EqualTo(1), app.Output());
        Assert.That(app.Stderr, Has.Count.EqualTo(1), app.Output());
        Assert.That(app.Stderr[0], Does.Contain("unreachable after 2 s").And.Contain("ConnectionStrings__StateHub"));
    }

    [Test]
    public async Task Start_DataFolderUnusable_ExitsWithCode1AndOneLineNamingTheSetting()
    {
        var file = Path.GetTempFileName();
        try
        {
            await using var app = AppProcess.Start(new Dictionary<string, string?>
            {
                ["ConnectionStrings__StateHub"] = "",
                ["EmbeddedDatabase__DataDirectory"] = Path.Combine(file, "postgres"),
            });
            var exited = await app.WaitForExitAsync(TimeSpan.FromSeconds(30));

            Assert.That(exited, Is.True, app.Output());
            Assert.That(app.ExitCode, Is.EqualTo(1), app.Output());
            Assert.That(app.Stderr, Has.Count.EqualTo(1), app.Output());
            Assert.That(app.Stderr[0], Does.Contain("EmbeddedDatabase__DataDirectory"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>A setting that does not parse is a failed start like any other: one line naming it, exit code 1 (not a stack trace and SIGABRT).</summary>
    [TestCase("Work__ClaimSweepSeconds", "abc", "Work:ClaimSweepSeconds")]
    [TestCase("Webhooks__Timeout", "banana", "Webhooks:Timeout")]
    [TestCase("Auth__AllowAnonymous", "yes", "Auth:AllowAnonymous")]
    [TestCase("Metrics__Port", "99999", "Metrics__Port")]
    [TestCase("Mcp__AllowedOrigins__0", "*", "Mcp:AllowedOrigins")]
    public async Task Start_SettingThatDoesNotParse_ExitsWithCode1AndOneLineNamingIt(string setting, string value, string named)
    {
        await using var app = AppProcess.Start(new Dictionary<string, string?>
        {
            ["ConnectionStrings__StateHub"] = TestDatabase.ConnectionString,
            [setting] = value,
        });
        var exited = await app.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.That(exited, Is.True, app.Output());
        Assert.That(app.ExitCode, Is.EqualTo(1), app.Output());
        Assert.That(app.Stderr, Has.Count.EqualTo(1), app.Output());
        Assert.That(app.Stderr[0], Does.StartWith("State Hub cannot start: ").And.Contain(named));
    }

    [Test]
    public async Task Start_Healthy_LogsNothingAtWarningOrAboveAndSaysWhereEverythingIs()
    {
        var database = await TestDatabase.CreateEmptyDatabaseAsync();
        await using var app = AppProcess.Start(new Dictionary<string, string?>
        {
            ["ConnectionStrings__StateHub"] = database,
            // A healthy start logs no warning; a first request slowed by a busy test machine would
            // (slow-request warning), and that is not what is checked here.
            ["Performance__SlowRequestThresholdMs"] = "60000",
        });
        await app.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));

        using (var client = new HttpClient { BaseAddress = app.BaseAddress })
        {
            using var created = await client.PostAsync("domains/", new StringContent("""{"slug":"platform","name":"Platform"}""", Encoding.UTF8, "application/json"));
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            using var repo = await client.PostAsync("repos/", new StringContent("""{"domain_slug":"platform","slug":"repo-a","name":"Repo A"}""", Encoding.UTF8, "application/json"));
            Assert.That(repo.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            using var missing = await client.GetAsync("repos/nope");
            Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            using var summary = await client.GetAsync("repos/doi/summary");
            Assert.That(summary.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            using var dashboard = await client.GetAsync("dashboard");
            Assert.That(dashboard.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            using var metrics = await client.GetAsync("metrics");
            Assert.That(metrics.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        await app.StopAsync(TimeSpan.FromSeconds(30));

        var output = app.Output();
        Assert.That(app.ExitCode, Is.EqualTo(0), output);
        Assert.That(app.Stderr, Is.Empty, output);
        Assert.That(app.Stdout.Where(l => WarningOrAbove.IsMatch(l)), Is.Empty, output);
        Assert.That(app.Stdout.Any(l => l.Contains("info: ", StringComparison.Ordinal)), Is.True, "the check above must see the log format it expects\n" + output);
        var banner = app.Stdout.SingleOrDefault(l => l.Contains("State Hub is ready", StringComparison.Ordinal));
        Assert.That(banner, Is.Not.Null, output);
        Assert.That(banner, Does.Contain($"{app.BaseAddress}swagger").And.Contain($"{app.BaseAddress}dashboard").And.Contain($"{app.BaseAddress}mcp"));
        Assert.That(app.Stdout, Has.One.Contains("POST /domains responded 201"), output);
        Assert.That(app.Stdout, Has.One.Contains("GET /repos/{slug} responded 404"), output);
        Assert.That(app.Stdout.Count(l => l.Contains("AutoMapper runs without a licence key", StringComparison.Ordinal)), Is.EqualTo(1), output);
    }

    [Test]
    public async Task Logs_JsonFormatter_EveryLineParsesAndRequestLinesCarryTheProblemsTraceId()
    {
        await using var app = AppProcess.Start(new Dictionary<string, string?>
        {
            ["ConnectionStrings__StateHub"] = TestDatabase.ConnectionString,
            ["Logging__Console__FormatterName"] = "json",
        });
        await app.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
        string traceId;
        using (var client = new HttpClient { BaseAddress = app.BaseAddress })
        {
            using var missing = await client.GetAsync("repos/nope");
            var problem = JsonNode.Parse(await missing.Content.ReadAsStringAsync())!;
            traceId = problem["trace_id"]!.GetValue<string>();
        }

        await app.StopAsync(TimeSpan.FromSeconds(30));

        Assert.That(traceId, Does.Match("^[0-9a-f]{32}$"));
        var entries = app.Stdout.Select(line =>
        {
            try
            {
                return JsonNode.Parse(line)!;
            }
            catch (System.Text.Json.JsonException)
            {
                Assert.Fail($"Not a JSON log line: {line}");
                throw;
            }
        }).ToList();
        Assert.That(entries, Is.Not.Empty);
        // A plain ISO 8601 value (log shippers parse it), not the simple formatter's "…Z ".
        Assert.That(entries.Select(e => e["Timestamp"]?.GetValue<string>()), Has.All.Match(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$"));
        var requestLine = entries.SingleOrDefault(e =>
            e["Category"]?.GetValue<string>() == "StateHub.Requests"
            && e["Message"]!.GetValue<string>().StartsWith("GET /repos/{slug} responded 404", StringComparison.Ordinal));
        Assert.That(requestLine, Is.Not.Null, app.Output());
        Assert.That(requestLine!["State"]!["Route"]!.GetValue<string>(), Is.EqualTo("/repos/{slug}"));
        var scopeTraceIds = requestLine["Scopes"]!.AsArray().Select(s => s?["TraceId"]?.GetValue<string>()).Where(t => t is not null).ToList();
        Assert.That(scopeTraceIds, Is.EqualTo(new[] { traceId }), requestLine.ToJsonString());
    }

    [Test]
    public async Task Start_TwoNodesOnOneEmptyDatabase_BothComeUpAndMigrateOnce()
    {
        var database = await TestDatabase.CreateEmptyDatabaseAsync();
        var environment = new Dictionary<string, string?> { ["ConnectionStrings__StateHub"] = database };

        await using var first = AppProcess.Start(environment);
        await using var second = AppProcess.Start(environment);
        await Task.WhenAll(first.WaitUntilReadyAsync(TimeSpan.FromSeconds(120)), second.WaitUntilReadyAsync(TimeSpan.FromSeconds(120)));
        await Task.WhenAll(first.StopAsync(TimeSpan.FromSeconds(30)), second.StopAsync(TimeSpan.FromSeconds(30)));

        var output = first.Output() + "\n" + second.Output();
        var applied = first.Stdout.Concat(second.Stdout).Count(l => l.Contains("Applying ", StringComparison.Ordinal) && l.Contains("migration(s)", StringComparison.Ordinal));
        Assert.That(applied, Is.EqualTo(1), output);
        Assert.That(first.Stdout.Concat(second.Stdout).Where(l => WarningOrAbove.IsMatch(l)), Is.Empty, output);
        Assert.That(first.Stderr.Concat(second.Stderr), Is.Empty, output);

        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var rows = new NpgsqlCommand("SELECT count(*), count(DISTINCT migration_id) FROM __ef_migrations_history", connection);
        await using var reader = await rows.ExecuteReaderAsync();
        await reader.ReadAsync();
        var migrations = typeof(StateHub.Infrastructure.Persistence.StateHubDbContext).Assembly.GetTypes()
            .Count(t => t.GetCustomAttributes(typeof(Microsoft.EntityFrameworkCore.Migrations.MigrationAttribute), false).Length > 0);
        Assert.That(reader.GetInt64(0), Is.EqualTo(migrations));
        Assert.That(reader.GetInt64(1), Is.EqualTo(migrations));
    }
}
