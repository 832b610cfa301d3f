using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StateHub.Infrastructure.Persistence;

namespace StateHub.WebApi.FunctionalTests.Infrastructure;

/// <summary>
/// Base of HTTP tests: a lane of the run's database server held for the fixture's life (fixtures
/// run side by side, each on its own database, see <see cref="TestLanes"/>), the lane's in-memory
/// host for the fixture's configuration (shared with every fixture configured alike, see
/// <see cref="TestHosts"/>), every table emptied and the clock reset before each test, and helpers
/// that speak the wire format (snake_case JSON) rather than the server's types.
/// </summary>
public abstract class FunctionalTestBase
{
    /// <summary>The fixture's own database (and its hosts) while the fixture runs.</summary>
    protected TestLane Lane { get; private set; } = null!;

    protected StateHubApiFactory Factory { get; private set; } = null!;

    protected HttpClient Client { get; private set; } = null!;

    /// <summary>Configuration the fixture's host starts with (e.g. <c>Webhooks:RetrySchedule</c>).</summary>
    protected virtual IReadOnlyDictionary<string, string?>? HostSettings => null;

    [OneTimeSetUp]
    public async Task StartHost()
    {
        // The configuration is known before the lane: a lane whose host already has it is preferred.
        using (var probe = CreateFactory())
            Lane = await TestLanes.AcquireAsync(probe.Settings);
        Factory = TestHosts.Share(CreateFactory());
        Client = Factory.CreateClient();
        await ResetDatabaseAsync();
    }

    /// <summary>The fixture's host configuration; anonymous access allowed unless a fixture says otherwise. The run shares one host per configuration.</summary>
    protected virtual StateHubApiFactory CreateFactory() => new(HostSettings);

    [OneTimeTearDown]
    public async Task StopHost()
    {
        // (Runs after a failed one-time set-up too, so anything may be missing.)
        Client?.Dispose();
        // A shared host lives for the run (FunctionalTestSetup disposes it); a fixture's own host ends here.
        if (Factory is not null)
            await TestHosts.ReleaseAsync(Factory);
        if (Lane is not null)
            TestLanes.Release(Lane);
    }

    [SetUp]
    public Task ResetBeforeTest()
    {
        TestHosts.ResetForTest(Factory);
        return ResetDatabaseAsync();
    }

    /// <summary>Empties every table but the migrations history.</summary>
    protected Task ResetDatabaseAsync() => TestDatabase.ResetAsync(Lane.ConnectionString);

    /// <summary>Runs <paramref name="work"/> against the database directly, for arranging what HTTP cannot.</summary>
    protected async Task WithDbAsync(Func<StateHubDbContext, Task> work)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<StateHubDbContext>());
    }

    protected static StringContent Json(object body) => HttpAssertions.Json(body);

    protected static StringContent RawJson(string body) => new(body, Encoding.UTF8, "application/json");

    protected async Task<JsonNode> ReadJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text) ?? throw new AssertionException($"Empty JSON body from {response.RequestMessage?.RequestUri}");
    }

    protected Task<JsonNode> SendOkAsync(HttpMethod method, string url, object? body = null, HttpStatusCode expected = HttpStatusCode.OK) =>
        HttpAssertions.SendOkAsync(Client, method, url, body, expected);

    protected Task<JsonNode> GetOkAsync(string url) => SendOkAsync(HttpMethod.Get, url);

    protected Task<JsonNode> PostCreatedAsync(string url, object body) => SendOkAsync(HttpMethod.Post, url, body, HttpStatusCode.Created);

    /// <summary>Asserts a problem response: the status, the problem content type and a non-empty detail.</summary>
    protected Task<JsonNode> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status) =>
        HttpAssertions.AssertProblemAsync(response, status);

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
