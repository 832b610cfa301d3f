using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using StateHub.Domain.Events;
using StateHub.WebApi.FunctionalTests.Infrastructure;

namespace StateHub.WebApi.FunctionalTests.InterfaceChanges;

/// <summary>A domain with an origin repo and two consumers, and helpers that speak the registry's wire format.</summary>
public abstract class InterfaceChangeTestBase : FunctionalTestBase
{
    protected const string Origin = "repo-registry";
    protected const string ConsumerA = "consumer-a";
    protected const string ConsumerB = "consumer-b";

    [SetUp]
    public async Task ArrangeRepos()
    {
        await CreateDomainAsync();
        await RegisterRepoAsync(Origin);
        await RegisterRepoAsync(ConsumerA);
        await RegisterRepoAsync(ConsumerB);
    }

    protected static object ChangeBody(
        string title = "Trailing-slash normalisation",
        string origin = Origin,
        string changeType = "breaking",
        string interfaceType = "http_api",
        string[]? affected = null,
        string[]? paths = null,
        string? plannedFor = "2026-12-01",
        string? description = "Every route answers with and without a trailing slash.") =>
        new
        {
            origin_repo_slug = origin,
            title,
            description,
            change_type = changeType,
            interface_type = interfaceType,
            affected_repo_slugs = affected ?? [ConsumerA, ConsumerB],
            affected_paths = paths ?? ["/repos/", "/domains/"],
            planned_for = plannedFor,
        };

    protected Task<JsonNode> RegisterChangeAsync(object? body = null) =>
        PostCreatedAsync("/interface-changes/", body ?? ChangeBody());

    protected Task<JsonNode> PublishAsync(string id) =>
        SendOkAsync(HttpMethod.Post, $"/interface-changes/{id}/publish");

    protected Task<JsonNode> ResolveAsync(string id, string? note = "All consumers migrated.") =>
        SendOkAsync(HttpMethod.Post, $"/interface-changes/{id}/resolve", new { resolution_note = note ?? "forced", force = true });

    /// <summary>Every affected repo of the published change reports <paramref name="status"/> (spec §14).</summary>
    protected async Task AcknowledgeAllAsync(string id, string status = "migrated")
    {
        var change = await GetOkAsync($"/interface-changes/{id}");
        foreach (var slug in change["affected_repo_slugs"]!.AsArray())
            await SendOkAsync(HttpMethod.Post, $"/interface-changes/{id}/acknowledgements/{slug}", new { status });
    }

    protected async Task<JsonArray> InboxAsync(string slug, string query = "") =>
        (await GetOkAsync($"/repos/{slug}/inbox{query}")).AsArray();

    protected Task<HttpResponseMessage> PostEmptyAsync(string url) => Client.PostAsync(url, content: null);

    protected Task<HttpResponseMessage> PostBodyAsync(string url, object body) => Client.PostAsJsonAsync(url, body);

    /// <summary>The progress events of a repo, oldest first, read straight from the table.</summary>
    protected async Task<List<ProgressEvent>> EventsOfAsync(string slug)
    {
        List<ProgressEvent> events = [];
        await WithDbAsync(async db =>
        {
            var repoId = await db.Repos.Where(r => r.Slug == slug).Select(r => r.Id).SingleAsync();
            events = await db.ProgressEvents.AsNoTracking().Where(e => e.RepoId == repoId)
                .OrderBy(e => e.CreatedAt).ThenBy(e => e.Id).ToListAsync();
        });
        return events;
    }

    protected static string Id(JsonNode node) => node["id"]!.GetValue<string>();

    protected static string[] Strings(JsonNode? array) => array!.AsArray().Select(n => n!.GetValue<string>()).ToArray();
}
