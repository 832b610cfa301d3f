using System.Text;
using System.Text.Json.Nodes;
using StateHub.WebApi.FunctionalTests.Infrastructure;

namespace StateHub.WebApi.FunctionalTests.Workplans;

/// <summary>
/// Rows one request creates share one created_at, so "then creation" order among them rests on the
/// id: a sync creates workstreams in path order and tasks in file order, and every list that orders
/// by creation (dispatch, claim-next, a workstream's tasks, a repo's workstreams) must keep that order.
/// </summary>
public sealed class WorkplanCreationOrderTests : FunctionalTestBase
{
    private const string Slug = "ordered";
    private const int TaskCount = 20;
    private const int WorkstreamCount = 6;

    private static readonly string[] TaskKeys = Enumerable.Range(1, TaskCount).Select(i => $"T{i:00}").ToArray();

    // Keys that do not sort like the paths, so that neither key nor path order can pass for creation order.
    private static readonly string[] WorkstreamKeys = Enumerable.Range(0, WorkstreamCount).Select(i => $"WP-{(i * 5) % WorkstreamCount}").ToArray();

    [SetUp]
    public async Task Arrange()
    {
        await CreateDomainAsync();
        await RegisterRepoAsync(Slug);
    }

    private static string Plan(string key, bool withTasks)
    {
        var text = new StringBuilder($"---\nid: {key}\ntitle: Work {key}\nstatus: active\n");
        if (withTasks)
        {
            text.Append("tasks:\n");
            foreach (var task in TaskKeys)
                text.Append($"  - id: {task}\n    title: Task {task}\n    status: todo\n");
        }

        return text.Append("---\n").ToString();
    }

    /// <summary>One sync: the first file holds every task, all of one priority; the files are read in path order.</summary>
    private Task<JsonNode> SyncAsync() =>
        SendOkAsync(HttpMethod.Post, $"/repos/{Slug}/sync?fix=true", new
        {
            files = WorkstreamKeys.Select((key, i) => new { path = $"workplans/{i:00}-plan.md", content = Plan(key, withTasks: i == 0) }).ToArray(),
        });

    private static List<string> Keys(JsonNode? list) => list!.AsArray().Select(x => x!["key"]!.GetValue<string>()).ToList();

    [Test]
    public async Task Sync_ManyTasksOfOnePriorityInOneFile_DispatchAndTheTaskListKeepFileOrder()
    {
        await SyncAsync();

        var dispatch = await GetOkAsync($"/repos/{Slug}/dispatch");
        var workstreams = dispatch["active_workstreams"]!.AsArray();
        Assert.That(Keys(workstreams), Is.EqualTo(WorkstreamKeys), "workstreams in the order the sync created them (path order)");
        Assert.That(Keys(workstreams[0]!["pending_tasks"]), Is.EqualTo(TaskKeys), "pending tasks in file order");
        Assert.That(Keys(await GetOkAsync($"/repos/{Slug}/workstreams")), Is.EqualTo(WorkstreamKeys));

        var workstreamId = workstreams[0]!["id"]!.GetValue<string>();
        Assert.That(Keys(await GetOkAsync($"/workstreams/{workstreamId}/tasks")), Is.EqualTo(TaskKeys), "a workstream's tasks in file order");
    }

    [Test]
    public async Task Sync_ManyTasksOfOnePriorityInOneFile_ClaimNextHandsThemOutInFileOrder()
    {
        await SyncAsync();

        var claimed = new List<string>();
        for (var i = 0; i < TaskCount; i++)
        {
            var task = await SendOkAsync(HttpMethod.Post, $"/repos/{Slug}/claim-next", new { claimant = $"agent-{i}", ttl_seconds = 600 });
            claimed.Add(task["key"]!.GetValue<string>());
        }

        Assert.That(claimed, Is.EqualTo(TaskKeys));
    }
}
