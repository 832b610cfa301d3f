using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StateHub.Application.Common.Abstractions;
using StateHub.Domain.Inbox;
using StateHub.Domain.Work;
using StateHub.WebApi.FunctionalTests.Infrastructure;

namespace StateHub.WebApi.FunctionalTests.Doi;

/// <summary>Helpers shared by the DoI tests: arranging what other features' endpoints own, and reading reports.</summary>
public abstract class DoiTestBase : FunctionalTestBase
{
    protected const string WorkplanFile = "workplans/WP-1.md";

    protected const string WorkplanText = """
        ---
        id: WP-1
        title: First plan
        status: active
        tasks:
          - id: T01
            title: Do the first thing
            status: todo
        ---
        Notes.
        """;

    protected string HostName => Factory.Services.GetRequiredService<IHostIdentity>().HostName;

    protected async Task<Guid> RepoIdAsync(string slug)
    {
        var repo = await GetOkAsync($"/repos/{slug}");
        return Guid.Parse(repo["id"]!.GetValue<string>());
    }

    protected async Task RegisterPathAsync(string slug, string path) =>
        await SendOkAsync(HttpMethod.Post, $"/repos/{slug}/paths", new { host = HostName, path });

    protected Task AddGoalAsync(string slug) =>
        PostCreatedAsync($"/repos/{slug}/goals", new { title = "Ship the first release", priority = 1 });

    protected Task AddTpscSnapshotAsync(string slug) =>
        PostCreatedAsync($"/repos/{slug}/tpsc-snapshots", new
        {
            components = new[] { new { name = "Npgsql", version = "10.0.0", ecosystem = "nuget", license = "PostgreSQL" } },
        });

    /// <summary>Workplan sync with fix=true: the hub takes the files' workstreams and records the sync time.</summary>
    protected Task<JsonNode> SyncAsync(string slug, object? body = null) =>
        SendOkAsync(HttpMethod.Post, $"/repos/{slug}/sync", body);

    protected Task MarkInboxReadAsync(Guid messageId) =>
        SendOkAsync(HttpMethod.Post, $"/inbox/{messageId}/read");

    /// <summary>The hub's side of <see cref="WorkplanText"/>, as a sync would have made it.</summary>
    protected Task AddMatchingWorkstreamAsync(Guid repoId) =>
        WithDbAsync(async db =>
        {
            var workstream = Workstream.Create(repoId, "WP-1", "First plan", WorkstreamStatus.Active, WorkplanFile);
            workstream.AddTask("T01", "Do the first thing");
            db.Workstreams.Add(workstream);
            await db.SaveChangesAsync();
        });

    protected Task MarkSyncedAsync(Guid repoId) =>
        WithDbAsync(async db =>
        {
            var repo = await db.Repos.SingleAsync(r => r.Id == repoId);
            repo.MarkStateSynced(Factory.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        });

    protected Task<Guid> AddInboxMessageAsync(Guid repoId) =>
        QueryDbAsync(async db =>
        {
            var message = InboxMessage.Create(repoId, "note", "Please read", "An interface you use is changing.");
            db.InboxMessages.Add(message);
            await db.SaveChangesAsync();
            return message.Id;
        });

    protected async Task<T> QueryDbAsync<T>(Func<StateHub.Infrastructure.Persistence.StateHubDbContext, Task<T>> work)
    {
        T result = default!;
        await WithDbAsync(async db => { result = await work(db); });
        return result;
    }

    protected Task<JsonNode> GetDoiAsync(string slug, bool forceRefresh = false) =>
        GetOkAsync($"/repos/{slug}/doi" + (forceRefresh ? "?force_refresh=true" : string.Empty));

    protected static JsonNode Criterion(JsonNode report, string id) =>
        report["criteria"]!.AsArray().Single(c => c!["id"]!.GetValue<string>() == id)!;

    protected static string Status(JsonNode report, string id) => Criterion(report, id)["status"]!.GetValue<string>();

    protected static string Detail(JsonNode report, string id) => Criterion(report, id)["detail"]!.GetValue<string>();

    protected static string Tier(JsonNode report) => report["tier"]!.GetValue<string>();

    protected static bool Cached(JsonNode report) => report["cached"]!.GetValue<bool>();

    protected static string[] Blockers(JsonNode report) =>
        report["next_tier_blockers"]!.AsArray().Select(b => b!.GetValue<string>()).ToArray();

    protected static string Describe(JsonNode report) =>
        string.Join("\n", report["criteria"]!.AsArray().Select(c => $"{c!["id"]} {c["status"]}: {c["detail"]}"));
}
