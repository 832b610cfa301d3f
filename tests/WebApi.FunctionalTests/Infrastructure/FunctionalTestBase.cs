using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StateHub.Infrastructure.Persistence;

namespace StateHub.WebApi.FunctionalTests.Infrastructure;

/// <summary>
/// Base of HTTP tests: one in-memory host per fixture, every table emptied before each test, and
/// helpers that speak the wire format (snake_case JSON) rather than the server's types.
/// </summary>
public abstract class FunctionalTestBase
{
    private static string? _truncateSql;

    protected StateHubApiFactory Factory { get; private set; } = null!;

    protected HttpClient Client { get; private set; } = null!;

    /// <summary>Configuration the fixture's host starts with (e.g. <c>Webhooks:RetrySchedule</c>).</summary>
    protected virtual IReadOnlyDictionary<string, string?>? HostSettings => null;

    [OneTimeSetUp]
    public async Task StartHost()
    {
        Factory = CreateFactory();
        Client = Factory.CreateClient();
        await ResetDatabaseAsync();
    }

    /// <summary>The fixture's host; anonymous access allowed unless a fixture says otherwise.</summary>
    protected virtual StateHubApiFactory CreateFactory() => new(HostSettings);

    [OneTimeTearDown]
    public async Task StopHost()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
    }

    [SetUp]
    public Task ResetBeforeTest()
    {
        // AdjustTime, not SetUtcNow: a test may have moved the clock on, and SetUtcNow refuses to go back.
        Factory.Clock.AdjustTime(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
        return ResetDatabaseAsync();
    }

    /// <summary>Empties every table but the migrations history, in one statement.</summary>
    protected async Task ResetDatabaseAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StateHubDbContext>();
        _truncateSql ??= "TRUNCATE " + string.Join(", ", db.Model.GetEntityTypes()
            .Select(t => t.GetTableName())
            .Where(n => n is not null)
            .Distinct()
            .Select(n => $"\"{n}\"")) + " RESTART IDENTITY CASCADE";
        // Background workers (webhook deliveries) may hold row locks for a moment; a deadlock
        // victim is simply run again.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await db.Database.ExecuteSqlRawAsync(_truncateSql);
                return;
            }
            catch (Npgsql.PostgresException ex) when (ex.SqlState == Npgsql.PostgresErrorCodes.DeadlockDetected && attempt < 5)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>Runs <paramref name="work"/> against the database directly, for arranging what HTTP cannot.</summary>
    protected async Task WithDbAsync(Func<StateHubDbContext, Task> work)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<StateHubDbContext>());
    }

    protected static StringContent Json(object body) =>
        new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    protected static StringContent RawJson(string body) => new(body, Encoding.UTF8, "application/json");

    protected async Task<JsonNode> ReadJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text) ?? throw new AssertionException($"Empty JSON body from {response.RequestMessage?.RequestUri}");
    }

    protected async Task<JsonNode> SendOkAsync(HttpMethod method, string url, object? body = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : Json(body) };
        using var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(expected), $"{method} {url} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    protected Task<JsonNode> GetOkAsync(string url) => SendOkAsync(HttpMethod.Get, url);

    protected Task<JsonNode> PostCreatedAsync(string url, object body) => SendOkAsync(HttpMethod.Post, url, body, HttpStatusCode.Created);

    /// <summary>Asserts a problem response: the status, the problem content type and a non-empty detail.</summary>
    protected async Task<JsonNode> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(status), text);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), text);
        var problem = JsonNode.Parse(text)!;
        Assert.That(problem["detail"]?.GetValue<string>(), Is.Not.Null.And.Not.Empty, text);
        Assert.That(problem["status"]?.GetValue<int>(), Is.EqualTo((int)status), text);
        return problem;
    }

    protected async Task<JsonNode> CreateDomainAsync(string slug = "platform", string name = "Platform", string status = "active") =>
        await PostCreatedAsync("/domains/", new { slug, name, description = "Shared platform", status });

    protected async Task<JsonNode> RegisterRepoAsync(string slug, string domainSlug = "platform", string? name = null, string? remoteUrl = null, string? gitFingerprint = null, string? localPath = null) =>
        await PostCreatedAsync("/repos/", new
        {
            domain_slug = domainSlug,
            slug,
            name = name ?? slug,
            remote_url = remoteUrl,
            git_fingerprint = gitFingerprint,
            local_path = localPath,
        });

    protected static Task<HttpResponseMessage> PatchAsync(HttpClient client, string url, object body) =>
        client.PatchAsync(url, Json(body));

    protected static async Task<HttpResponseMessage> PostJsonAsync(HttpClient client, string url, object body) =>
        await client.PostAsJsonAsync(url, body);
}
