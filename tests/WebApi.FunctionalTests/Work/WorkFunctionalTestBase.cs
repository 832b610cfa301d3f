using System.Text.Json.Nodes;
using StateHub.WebApi.FunctionalTests.Infrastructure;

namespace StateHub.WebApi.FunctionalTests.Work;

/// <summary>Helpers for tests of goals, workstreams, tasks and dispatch, all spoken over HTTP.</summary>
public abstract class WorkFunctionalTestBase : FunctionalTestBase
{
    /// <summary>Moves the clock on, so that the next thing created is strictly newer.</summary>
    protected void Tick() => Factory.Clock.Advance(TimeSpan.FromSeconds(1));

    protected async Task<JsonNode> CreateGoalAsync(string repoSlug, string title, int priority, string? status = null, string? description = null)
    {
        Tick();
        return await PostCreatedAsync($"/repos/{repoSlug}/goals", status is null
            ? new { title, description, priority }
            : new { title, description, priority, status = (object)status });
    }

    protected async Task<JsonNode> CreateWorkstreamAsync(string repoSlug, string key, string? title = null, string status = "active")
    {
        Tick();
        return await PostCreatedAsync($"/repos/{repoSlug}/workstreams", new { key, title = title ?? key, status });
    }

    protected async Task<JsonNode> CreateTaskAsync(JsonNode workstream, string key, int priority = 3, string status = "todo", bool needsHuman = false, string? title = null)
    {
        Tick();
        return await PostCreatedAsync($"/workstreams/{Id(workstream)}/tasks", new { key, title = title ?? key, priority, status, needs_human = needsHuman });
    }

    protected static string Id(JsonNode node) => node["id"]!.GetValue<string>();

    protected static string[] Values(JsonNode? array, string property) =>
        array!.AsArray().Select(n => n![property]!.ToString()).ToArray();

    protected static string[] Keys(JsonNode? obj) =>
        obj!.AsObject().Select(p => p.Key).OrderBy(k => k, StringComparer.Ordinal).ToArray();
}
