using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StateHub.Application.Common.Abstractions;
using StateHub.Domain.Inbox;
using StateHub.Domain.Tpsc;
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

    protected Task AddGoalAsync(Guid repoId) =>
        WithDbAsync(async db =>
        {
            db.Goals.Add(RepoGoal.Create(repoId, "Ship the first release", null, 1));
            await db.SaveChangesAsync();
        });

    protected Task AddTpscSnapshotAsync(Guid repoId) =>
        WithDbAsync(async db =>
        {
            db.TpscSnapshots.Add(TpscSnapshot.Create(repoId, Factory.Clock.GetUtcNow(), [new TpscComponent("Npgsql", "10.0.0", "nuget", "PostgreSQL")]));
            await db.SaveChangesAsync();
        });

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

    protected Task MarkInboxReadAsync(Guid messageId) =>
        WithDbAsync(async db =>
        {
            var message = await db.InboxMessages.SingleAsync(m => m.Id == messageId);
            message.MarkRead(Factory.Clock.GetUtcNow());
            await db.SaveChangesAsync();
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
