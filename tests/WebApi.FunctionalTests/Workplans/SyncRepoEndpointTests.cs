using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StateHub.Application.Common.Abstractions;
using StateHub.Domain.Work;
using StateHub.WebApi.FunctionalTests.Infrastructure;

namespace StateHub.WebApi.FunctionalTests.Workplans;

public sealed class SyncRepoEndpointTests : FunctionalTestBase
{
    private const string Slug = "registry";

    private const string RegistryPlan = """
        ---
        id: CUST-WP-0033
        title: Interface Change Registry
        status: active
        tasks:
          - id: T01
            title: interface_changes table
            status: done
            priority: 2
          - id: T02
            title: Publish and notify
            status: in_progress
            needs_human: true
        ---
        Notes for humans.
        """;

    private const string DashboardPlan = """
        ---
        id: CUST-WP-0034
        title: Dashboard
        status: paused
        ---
        """;

    private string _sandbox = null!;
    private string _repoDir = null!;
    private string _outsideDir = null!;

    private string HostName => Factory.Services.GetRequiredService<IHostIdentity>().HostName;

    private DateTimeOffset Now => Factory.Clock.GetUtcNow();

    [SetUp]
    public async Task Arrange()
    {
        _sandbox = Directory.CreateTempSubdirectory("statehub-sync-").FullName;
        _repoDir = Directory.CreateDirectory(Path.Combine(_sandbox, "repo")).FullName;
        _outsideDir = Directory.CreateDirectory(Path.Combine(_sandbox, "outside")).FullName;
        Directory.CreateDirectory(Path.Combine(_repoDir, "workplans"));
        await CreateDomainAsync();
        await RegisterRepoAsync(Slug);
    }

    [TearDown]
    public void CleanUp() => Directory.Delete(_sandbox, recursive: true);

    private void WriteWorkplan(string name, string content) =>
        File.WriteAllText(Path.Combine(_repoDir, "workplans", name), content);

    private Task RegisterThisHostAsync(string? path = null) =>
        SendOkAsync(HttpMethod.Post, $"/repos/{Slug}/paths", new { host = HostName, path = path ?? _repoDir });

    private async Task<JsonNode> SyncAsync(bool? fix = null, object? body = null, string slug = Slug)
    {
        var url = fix is null ? $"/repos/{slug}/sync" : $"/repos/{slug}/sync?fix={(fix.Value ? "true" : "false")}";
        return await SendOkAsync(HttpMethod.Post, url, body);
    }

    private Task<HttpResponseMessage> PostSyncAsync(string url, HttpContent? content = null) => Client.PostAsync(url, content);

    private static IEnumerable<(string Kind, string? Workstream, string? Task)> Items(JsonNode report, string list = "drift") =>
        report[list]!.AsArray().Select(i => (
            i!["kind"]?.GetValue<string>() ?? i["action"]!.GetValue<string>(),
            i["workstream_key"]?.GetValue<string>(),
            i["task_key"]?.GetValue<string>()));

    private async Task<List<Workstream>> HubAsync()
    {
        List<Workstream> result = [];
        await WithDbAsync(async db => result = await db.Workstreams.AsNoTracking().Include(w => w.Tasks).OrderBy(w => w.Key).ToListAsync());
        return result;
    }

    private async Task SeedWorkstreamAsync(string key, string title, WorkstreamStatus status, string? sourcePath, params (string Key, WorkTaskStatus Status)[] tasks) =>
        await WithDbAsync(async db =>
        {
            var repoId = await db.Repos.Where(r => r.Slug == Slug).Select(r => r.Id).SingleAsync();
            var ws = Workstream.Create(repoId, key, title, status, sourcePath);
            foreach (var (taskKey, taskStatus) in tasks)
                ws.AddTask(taskKey, "Task " + taskKey, status: taskStatus);
            db.Workstreams.Add(ws);
            await db.SaveChangesAsync();
        });

    private async Task<int> SyncEventCountAsync()
    {
        var count = 0;
        await WithDbAsync(async db => count = await db.ProgressEvents.CountAsync(e => e.Kind == "workplan_sync"));
        return count;
    }

    [Test]
    public async Task SyncRepo_CheckOnlyOnRealDirectory_ReportsEveryDriftKindAndChangesNothing()
    {
        WriteWorkplan("registry.md", RegistryPlan);
        WriteWorkplan("broken.md", "---\nid: CUST-WP-0099\ntitle: [unclosed\nstatus: active\n---\n");
        File.WriteAllText(Path.Combine(_outsideDir, "secret.md"), "---\nid: STOLEN-1\ntitle: Stolen\nstatus: active\n---\n");
        File.CreateSymbolicLink(Path.Combine(_repoDir, "workplans", "evil.md"), Path.Combine(_outsideDir, "secret.md"));
        await SeedWorkstreamAsync("CUST-WP-0033", "Old title", WorkstreamStatus.Paused, "workplans/registry.md", ("T01", WorkTaskStatus.Done), ("T09", WorkTaskStatus.Todo));
        await SeedWorkstreamAsync("CUST-WP-0001", "Gone", WorkstreamStatus.Active, "workplans/gone.md", ("T01", WorkTaskStatus.Todo));
        await SeedWorkstreamAsync("API-1", "Made through the API", WorkstreamStatus.Active, null);
        await RegisterThisHostAsync();

        var report = await SyncAsync(fix: false);

        Assert.That(report["repo_slug"]!.GetValue<string>(), Is.EqualTo(Slug));
        Assert.That(report["fix"]!.GetValue<bool>(), Is.False);
        Assert.That(report["source"]!.GetValue<string>(), Is.EqualTo("disk"));
        Assert.That(report["files_checked"]!.GetValue<int>(), Is.EqualTo(3));
        Assert.That(report["in_sync"]!.GetValue<bool>(), Is.False);
        Assert.That(report["changes"]!.AsArray(), Is.Empty);
        Assert.That(report["last_state_synced_at"], Is.Null);
        Assert.That(Items(report), Is.EqualTo(new (string, string?, string?)[]
        {
            ("invalid_file", null, null),
            ("invalid_file", null, null),
            ("status_mismatch", "CUST-WP-0033", null),
            ("title_mismatch", "CUST-WP-0033", null),
            ("title_mismatch", "CUST-WP-0033", "T01"),
            ("missing_in_hub", "CUST-WP-0033", "T02"),
            ("orphan_in_hub", "CUST-WP-0033", "T09"),
            ("orphan_in_hub", "CUST-WP-0001", null),
        }));

        var drift = report["drift"]!.AsArray();
        Assert.That(drift[0]!["path"]!.GetValue<string>(), Is.EqualTo("workplans/broken.md"));
        Assert.That(drift[0]!["line"]!.GetValue<int>(), Is.EqualTo(3));
        Assert.That(drift[0]!["reason"]!.GetValue<string>(), Does.Contain("invalid YAML"));
        Assert.That(drift[1]!["path"]!.GetValue<string>(), Is.EqualTo("workplans/evil.md"));
        Assert.That(drift[1]!["reason"]!.GetValue<string>(), Does.Contain("outside the repository"));
        Assert.That(drift[1]!.ToJsonString(), Does.Not.Contain("STOLEN"));
        Assert.That(drift[2]!["file_value"]!.GetValue<string>(), Is.EqualTo("active"));
        Assert.That(drift[2]!["hub_value"]!.GetValue<string>(), Is.EqualTo("paused"));
        Assert.That(drift[2]!["path"]!.GetValue<string>(), Is.EqualTo("workplans/registry.md"));
        Assert.That(drift[2]!.AsObject().ContainsKey("line"), Is.False, "line is only written when set");
        Assert.That(drift[3]!["file_value"]!.GetValue<string>(), Is.EqualTo("Interface Change Registry"));
        Assert.That(drift[3]!["hub_value"]!.GetValue<string>(), Is.EqualTo("Old title"));
        Assert.That(drift[5]!["file_value"]!.GetValue<string>(), Is.EqualTo("in_progress"));
        Assert.That(drift[5]!["hub_value"], Is.Null);
        Assert.That(drift[7]!["path"]!.GetValue<string>(), Is.EqualTo("workplans/gone.md"));

        var hub = await HubAsync();
        Assert.That(hub.Select(w => (w.Key, w.Status)), Is.EqualTo(new[]
        {
            ("API-1", WorkstreamStatus.Active), ("CUST-WP-0001", WorkstreamStatus.Active), ("CUST-WP-0033", WorkstreamStatus.Paused),
        }));
        Assert.That(hub.Single(w => w.Key == "CUST-WP-0033").Tasks, Has.Count.EqualTo(2));
        Assert.That(await SyncEventCountAsync(), Is.Zero);
    }

    /// <summary>
    /// A workplans folder that is a symlink out of the repo is not read, and not taken for an empty
    /// folder either: its workstreams' files are unknown, not gone, so none is archived.
    /// </summary>
    [Test]
    public async Task SyncRepo_WorkplansFolderLinksOutsideTheRepo_ReportedAndNothingArchived()
    {
        Directory.Delete(Path.Combine(_repoDir, "workplans"));
        File.WriteAllText(Path.Combine(_outsideDir, "out.md"), "---\nid: OUT-1\ntitle: Outside\nstatus: active\n---\n");
        Directory.CreateSymbolicLink(Path.Combine(_repoDir, "workplans"), _outsideDir);
        await SeedWorkstreamAsync("OUT-1", "Outside", WorkstreamStatus.Active, "workplans/out.md", ("T01", WorkTaskStatus.Todo));
        await RegisterThisHostAsync();

        var report = await SyncAsync();

        var drift = report["drift"]!.AsArray();
        Assert.That(drift.Select(d => d!["kind"]!.GetValue<string>()), Is.EqualTo(new[] { "invalid_file" }), report.ToJsonString());
        Assert.That(drift[0]!["path"]!.GetValue<string>(), Is.EqualTo("workplans/"));
        Assert.That(drift[0]!["reason"]!.GetValue<string>(), Does.Contain("outside the repository"));
        Assert.That(report["changes"]!.AsArray(), Is.Empty);
        Assert.That((await HubAsync()).Single().Status, Is.EqualTo(WorkstreamStatus.Active));
    }

    [Test]
    public async Task SyncRepo_FixOnRealDirectory_MakesTheHubMatchAndASecondRunFindsNoDrift()
    {
        WriteWorkplan("registry.md", RegistryPlan);
        WriteWorkplan("dashboard.md", DashboardPlan);
        File.WriteAllText(Path.Combine(_outsideDir, "secret.md"), "---\nid: STOLEN-1\ntitle: Stolen\nstatus: active\n---\n");
        File.CreateSymbolicLink(Path.Combine(_repoDir, "workplans", "evil.md"), Path.Combine(_outsideDir, "secret.md"));
        await SeedWorkstreamAsync("CUST-WP-0001", "Gone", WorkstreamStatus.Active, "workplans/gone.md", ("T01", WorkTaskStatus.Todo));
        await RegisterThisHostAsync();

        var first = await SyncAsync();

        Assert.That(first["fix"]!.GetValue<bool>(), Is.True);
        Assert.That(first["in_sync"]!.GetValue<bool>(), Is.False);
        Assert.That(DateTimeOffset.Parse(first["last_state_synced_at"]!.GetValue<string>()), Is.EqualTo(Now));
        Assert.That(Items(first, "changes"), Is.EqualTo(new (string, string?, string?)[]
        {
            ("created_workstream", "CUST-WP-0034", null),
            ("created_workstream", "CUST-WP-0033", null),
            ("created_task", "CUST-WP-0033", "T01"),
            ("created_task", "CUST-WP-0033", "T02"),
            ("archived_workstream", "CUST-WP-0001", null),
        }));

        var hub = await HubAsync();
        Assert.That(hub.Select(w => w.Key), Is.EqualTo(new[] { "CUST-WP-0001", "CUST-WP-0033", "CUST-WP-0034" }), "the symlinked file must not create a workstream");
        Assert.That(hub[0].Status, Is.EqualTo(WorkstreamStatus.Archived));
        Assert.That(hub[0].Tasks.Single().Status, Is.EqualTo(WorkTaskStatus.Todo), "archiving keeps the tasks as they were");
        var registry = hub[1];
        Assert.That(registry.Title, Is.EqualTo("Interface Change Registry"));
        Assert.That(registry.SourcePath, Is.EqualTo("workplans/registry.md"));
        var tasks = registry.Tasks.OrderBy(t => t.Key).ToList();
        Assert.That(tasks.Select(t => (t.Key, t.Status, t.Priority, t.NeedsHuman)), Is.EqualTo(new[]
        {
            ("T01", WorkTaskStatus.Done, 2, false),
            ("T02", WorkTaskStatus.InProgress, 3, true),
        }));
        Assert.That(hub[2].Status, Is.EqualTo(WorkstreamStatus.Paused));
        Assert.That(await SyncEventCountAsync(), Is.EqualTo(1));

        var second = await SyncAsync();

        Assert.That(Items(second).Select(i => i.Kind), Is.EqualTo(new[] { "invalid_file" }), "only the refused symlink remains");
        Assert.That(second["changes"]!.AsArray(), Is.Empty);
        Assert.That(DateTimeOffset.Parse(second["last_state_synced_at"]!.GetValue<string>()), Is.EqualTo(Now));

        File.Delete(Path.Combine(_repoDir, "workplans", "evil.md"));
        var third = await SyncAsync(fix: false);

        Assert.That(third["in_sync"]!.GetValue<bool>(), Is.True);
        Assert.That(third["drift"]!.AsArray(), Is.Empty);
        Assert.That(third["files_checked"]!.GetValue<int>(), Is.EqualTo(2));
    }

    [Test]
    public async Task SyncRepo_FileEditedAfterFix_UpdatesCreatesAndCancelsOrphanTasks()
    {
        WriteWorkplan("registry.md", RegistryPlan);
        await RegisterThisHostAsync();
        await SyncAsync();
        WriteWorkplan("registry.md", """
            ---
            id: CUST-WP-0033
            title: Interface Change Registry v2
            status: done
            tasks:
              - id: T01
                title: interface_changes table
                status: done
                priority: 1
              - id: T03
                title: Resolve
                status: blocked
            ---
            """);

        var report = await SyncAsync();

        Assert.That(Items(report), Is.EqualTo(new (string, string?, string?)[]
        {
            ("status_mismatch", "CUST-WP-0033", null),
            ("title_mismatch", "CUST-WP-0033", null),
            ("missing_in_hub", "CUST-WP-0033", "T03"),
            ("orphan_in_hub", "CUST-WP-0033", "T02"),
        }));
        var changes = report["changes"]!.AsArray();
        Assert.That(changes.Select(c => (c!["action"]!.GetValue<string>(), c["task_key"]?.GetValue<string>(), c["field"]?.GetValue<string>(), c["old_value"]?.GetValue<string>(), c["new_value"]?.GetValue<string>())), Is.EqualTo(new[]
        {
            ("updated_workstream", (string?)null, (string?)"status", (string?)"active", (string?)"done"),
            ("updated_workstream", null, "title", "Interface Change Registry", "Interface Change Registry v2"),
            ("updated_task", "T01", "priority", "2", "1"),
            ("created_task", "T03", null, null, "blocked"),
            ("cancelled_task", "T02", "status", "in_progress", "cancelled"),
        }));

        var registry = (await HubAsync()).Single();
        Assert.That(registry.Status, Is.EqualTo(WorkstreamStatus.Done));
        Assert.That(registry.Tasks.OrderBy(t => t.Key).Select(t => (t.Key, t.Status)), Is.EqualTo(new[]
        {
            ("T01", WorkTaskStatus.Done), ("T02", WorkTaskStatus.Cancelled), ("T03", WorkTaskStatus.Blocked),
        }), "the orphan task is cancelled, never deleted");

        var again = await SyncAsync();
        Assert.That(again["in_sync"]!.GetValue<bool>(), Is.True);
        Assert.That(again["changes"]!.AsArray(), Is.Empty);
    }

    [Test]
    public async Task SyncRepo_WorkplanFileDeleted_ArchivesItsWorkstreamButLeavesApiWorkstreams()
    {
        WriteWorkplan("registry.md", RegistryPlan);
        WriteWorkplan("dashboard.md", DashboardPlan);
        await SeedWorkstreamAsync("API-1", "Made through the API", WorkstreamStatus.Active, null);
        await RegisterThisHostAsync();
        await SyncAsync();
        File.Delete(Path.Combine(_repoDir, "workplans", "dashboard.md"));

        var report = await SyncAsync();

        var orphan = report["drift"]!.AsArray().Single()!;
        Assert.That(orphan["kind"]!.GetValue<string>(), Is.EqualTo("orphan_in_hub"));
        Assert.That(orphan["workstream_key"]!.GetValue<string>(), Is.EqualTo("CUST-WP-0034"));
        Assert.That(orphan["path"]!.GetValue<string>(), Is.EqualTo("workplans/dashboard.md"));
        var hub = await HubAsync();
        Assert.That(hub.Select(w => (w.Key, w.Status)), Is.EqualTo(new[]
        {
            ("API-1", WorkstreamStatus.Active), ("CUST-WP-0033", WorkstreamStatus.Active), ("CUST-WP-0034", WorkstreamStatus.Archived),
        }));
        Assert.That((await SyncAsync(fix: false))["in_sync"]!.GetValue<bool>(), Is.True);
    }

    [Test]
    public async Task SyncRepo_HostileFilesOnDisk_AreReportedAndNeverAbortTheRest()
    {
        WriteWorkplan("registry.md", RegistryPlan);
        File.WriteAllBytes(Path.Combine(_repoDir, "workplans", "binary.md"), [0x2d, 0x2d, 0x2d, 0x0a, 0x00, 0xff, 0xfe]);
        WriteWorkplan("huge.md", "---\nid: HUGE\ntitle: Huge\nstatus: active\n---\n" + new string('x', 2 * 1024 * 1024));
        WriteWorkplan("nested.md", "---\nid: DEEP\ntitle: Deep\nstatus: active\nx: " + new string('[', 50_000) + new string(']', 50_000) + "\n---\n");
        WriteWorkplan("bomb.md", "---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nid: BOMB\ntitle: Bomb\nstatus: active\n---\n");
        WriteWorkplan("dupkeys.md", "---\nid: DUP\ntitle: Dup\nstatus: active\nstatus: done\n---\n");
        await RegisterThisHostAsync();

        var report = await SyncAsync();

        var invalid = report["drift"]!.AsArray().Where(d => d!["kind"]!.GetValue<string>() == "invalid_file").ToList();
        Assert.That(invalid.Select(d => d!["path"]!.GetValue<string>()), Is.EqualTo(new[]
        {
            "workplans/binary.md", "workplans/bomb.md", "workplans/dupkeys.md", "workplans/huge.md", "workplans/nested.md",
        }));
        Assert.That(invalid.Select(d => d!["reason"]!.GetValue<string>()), Has.All.Not.Empty);
        Assert.That(invalid[0]!["line"]!.GetValue<int>(), Is.EqualTo(2), "the NUL byte of binary.md is on its second line");
        Assert.That((await HubAsync()).Select(w => w.Key), Is.EqualTo(new[] { "CUST-WP-0033" }));
    }

    [Test]
    public async Task SyncRepo_ConcurrentFixes_TakeTurns_EveryOneAnswers200AndEachWorkstreamIsCreatedOnce()
    {
        WriteWorkplan("registry.md", RegistryPlan);
        WriteWorkplan("dashboard.md", DashboardPlan);
        await RegisterThisHostAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => PostSyncAsync($"/repos/{Slug}/sync")));

        // The repo's row is locked for the fix: each sync sees what the previous one committed,
        // so none of them tries to create a workstream another has just created.
        foreach (var response in responses)
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
            response.Dispose();
        }

        var hub = await HubAsync();
        Assert.That(hub.Select(w => w.Key), Is.EqualTo(new[] { "CUST-WP-0033", "CUST-WP-0034" }));
        Assert.That(hub[0].Tasks, Has.Count.EqualTo(2));
        Assert.That((await SyncAsync(fix: false))["in_sync"]!.GetValue<bool>(), Is.True);
    }

    [Test]
    public async Task SyncRepo_LocalPathWithoutHostEntry_ReadsTheLocalPath()
    {
        WriteWorkplan("dashboard.md", DashboardPlan);
        await SendOkAsync(HttpMethod.Patch, $"/repos/{Slug}", new { local_path = _repoDir });

        var report = await SyncAsync(fix: false);

        Assert.That(report["source"]!.GetValue<string>(), Is.EqualTo("disk"));
        Assert.That(Items(report), Is.EqualTo(new (string, string?, string?)[] { ("missing_in_hub", "CUST-WP-0034", null) }));
    }

    [Test]
    public async Task SyncRepo_PushedBody_UsesTheFilesSentAndNeedsNoPath()
    {
        var body = new { files = new[] { new { path = "workplans/registry.md", content = RegistryPlan } } };

        var check = await SyncAsync(fix: false, body: body);

        Assert.That(check["source"]!.GetValue<string>(), Is.EqualTo("body"));
        Assert.That(check["files_checked"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(Items(check).Select(i => i.Kind), Is.All.EqualTo("missing_in_hub"));
        Assert.That(await HubAsync(), Is.Empty);

        var fixedReport = await SyncAsync(body: body);

        Assert.That(fixedReport["changes"]!.AsArray(), Has.Count.EqualTo(3));
        Assert.That((await HubAsync()).Single().SourcePath, Is.EqualTo("workplans/registry.md"));
        Assert.That(await SyncEventCountAsync(), Is.EqualTo(1));

        var again = await SyncAsync(body: body);
        Assert.That(again["in_sync"]!.GetValue<bool>(), Is.True);
        Assert.That(again["drift"]!.AsArray(), Is.Empty);
    }

    [Test]
    public async Task SyncRepo_PushedFileWithByteOrderMark_ParsesLikeWithout()
    {
        var body = new { files = new[] { new { path = "workplans/registry.md", content = "\uFEFF" + RegistryPlan } } };

        var report = await SyncAsync(fix: false, body: body);

        Assert.That(Items(report).Select(i => i.Kind), Has.None.EqualTo("invalid_file"), report.ToJsonString());
        Assert.That(Items(report), Has.Member(("missing_in_hub", (string?)"CUST-WP-0033", (string?)null)));
    }

    [Test]
    public async Task SyncRepo_FixFalse_LeavesHubSyncTimeAndTimelineUntouched()
    {
        WriteWorkplan("registry.md", RegistryPlan);
        await RegisterThisHostAsync();

        await SyncAsync(fix: false);
        await SyncAsync(fix: false);

        Assert.That(await HubAsync(), Is.Empty);
        Assert.That(await SyncEventCountAsync(), Is.Zero);
        var repo = await GetOkAsync($"/repos/{Slug}");
        Assert.That(repo["last_state_synced_at"], Is.Null);
    }

    [Test]
    public async Task SyncRepo_Fix_LogsAProgressEventWithCounts()
    {
        WriteWorkplan("registry.md", RegistryPlan);
        await RegisterThisHostAsync();

        await SyncAsync();

        await WithDbAsync(async db =>
        {
            var logged = await db.ProgressEvents.SingleAsync();
            Assert.That(logged.Kind, Is.EqualTo("workplan_sync"));
            Assert.That(logged.Summary, Does.Contain("3 drift items").And.Contain("3 changes"));
            var data = JsonNode.Parse(logged.Data)!;
            Assert.That(data["source"]!.GetValue<string>(), Is.EqualTo("disk"));
            Assert.That(data["change_count"]!.GetValue<int>(), Is.EqualTo(3));
            Assert.That(data["drift_by_kind"]!["missing_in_hub"]!.GetValue<int>(), Is.EqualTo(3));
        });
        var repo = await GetOkAsync($"/repos/{Slug}");
        Assert.That(DateTimeOffset.Parse(repo["last_state_synced_at"]!.GetValue<string>()), Is.EqualTo(Now));
    }

    [Test]
    public async Task SyncRepo_EmptyBodyWithoutContentType_ReadsTheDirectory()
    {
        WriteWorkplan("dashboard.md", DashboardPlan);
        await RegisterThisHostAsync();

        using var response = await PostSyncAsync($"/repos/{Slug}/sync?fix=false");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var report = await ReadJsonAsync(response);
        Assert.That(report["source"]!.GetValue<string>(), Is.EqualTo("disk"));
    }

    [Test]
    public async Task SyncRepo_EmptyJsonObjectAndTrailingSlash_ReadsTheDirectory()
    {
        WriteWorkplan("dashboard.md", DashboardPlan);
        await RegisterThisHostAsync();

        using var response = await PostSyncAsync($"/repos/{Slug}/sync/?fix=false", RawJson("{}"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That((await ReadJsonAsync(response))["files_checked"]!.GetValue<int>(), Is.EqualTo(1));
    }

    [Test]
    public async Task SyncRepo_NoPathAndNoBody_Returns503SayingHowToRegisterOne()
    {
        using var response = await PostSyncAsync($"/repos/{Slug}/sync");

        var problem = await AssertProblemAsync(response, HttpStatusCode.ServiceUnavailable);
        var detail = problem["detail"]!.GetValue<string>();
        // The Python service's detail, word for word, then how to fix it.
        Assert.That(detail, Does.StartWith($"No accessible path for repo '{Slug}' on host '{HostName}'. Register with: POST /repos/{Slug}/paths/"));
        Assert.That(detail, Does.Contain("retrying this request will not help until then"));
        Assert.That(response.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromHours(1)), "a long Retry-After: only registering a path or pushing files helps");
    }

    [Test]
    public async Task SyncRepo_RegisteredPathIsNotReadable_Returns503()
    {
        await RegisterThisHostAsync(Path.Combine(_sandbox, "missing"));

        using var response = await PostSyncAsync($"/repos/{Slug}/sync?fix=false");

        var problem = await AssertProblemAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("not a readable directory").And.Contain($"POST /repos/{Slug}/paths"));
    }

    [Test]
    public async Task SyncRepo_UnknownRepo_Returns404()
    {
        using var withoutBody = await PostSyncAsync("/repos/nope/sync");
        using var withBody = await PostSyncAsync("/repos/nope/sync", Json(new { files = Array.Empty<object>() }));

        await AssertProblemAsync(withoutBody, HttpStatusCode.NotFound);
        var problem = await AssertProblemAsync(withBody, HttpStatusCode.NotFound);
        Assert.That(problem["detail"]!.GetValue<string>(), Is.EqualTo("Repo 'nope' not found"));
    }

    [TestCase("../secret.md")]
    [TestCase("workplans/../../secret.md")]
    [TestCase("/etc/passwd.md")]
    [TestCase("workplans/notes.txt")]
    [TestCase("workplans/sub/plan.md")]
    [TestCase("workplans\\plan.md")]
    [TestCase("plan.md")]
    [TestCase("workplans/plan.md\n")]
    [TestCase("")]
    public async Task SyncRepo_PushedPathOutsideWorkplans_Returns422(string path)
    {
        using var response = await PostSyncAsync($"/repos/{Slug}/sync", Json(new { files = new[] { new { path, content = DashboardPlan } } }));

        var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.That(problem["errors"]!["files[0].path"], Is.Not.Null, problem.ToJsonString());
        Assert.That(await HubAsync(), Is.Empty);
    }

    [Test]
    public async Task SyncRepo_PushedBodyOverTheLimits_Returns422()
    {
        var tooMany = Enumerable.Range(0, 501).Select(i => new { path = $"workplans/p{i}.md", content = "x" }).ToArray();
        var tooMuch = Enumerable.Range(0, 17).Select(i => new { path = $"workplans/big{i}.md", content = new string('x', 1024 * 1024) }).ToArray();
        var twice = new[] { new { path = "workplans/a.md", content = DashboardPlan }, new { path = "workplans/a.md", content = DashboardPlan } };

        foreach (var files in new[] { tooMany, tooMuch, twice })
        {
            using var response = await PostSyncAsync($"/repos/{Slug}/sync", Json(new { files }));
            var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
            Assert.That(problem["errors"]!.AsObject().Select(e => e.Key), Has.Some.StartsWith("files"), problem.ToJsonString());
        }
    }

    [Test]
    public async Task SyncRepo_PushedFileWithANulOrOverThePerFileLimit_IsAnInvalidFileAndTheOthersSync()
    {
        var body = $$"""
            {"files": [
              {"path": "workplans/dashboard.md", "content": {{System.Text.Json.JsonSerializer.Serialize(DashboardPlan)}}},
              {"path": "workplans/bin.md", "content": "---\nid: B\ntitle: a\u0000b\nstatus: active\n---\n"},
              {"path": "workplans/big.md", "content": "---\nid: BIG\ntitle: Big\nstatus: active\n---\n{{new string('x', 1024 * 1024)}}"}
            ]}
            """;

        using var response = await PostSyncAsync($"/repos/{Slug}/sync", RawJson(body));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var report = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var invalid = report["drift"]!.AsArray().Where(d => d!["kind"]!.GetValue<string>() == "invalid_file").ToDictionary(d => d!["path"]!.GetValue<string>());
        Assert.That(invalid.Keys, Is.EquivalentTo(new[] { "workplans/bin.md", "workplans/big.md" }));
        Assert.That(invalid["workplans/bin.md"]!["line"]!.GetValue<int>(), Is.EqualTo(3));
        Assert.That(invalid["workplans/bin.md"]!["reason"]!.GetValue<string>(), Does.Contain("NUL"));
        Assert.That(invalid["workplans/big.md"]!["reason"]!.GetValue<string>(), Does.Contain("over the 1048576-byte limit"));
        Assert.That((await HubAsync()).Select(w => w.Key), Is.EqualTo(new[] { "CUST-WP-0034" }));
    }

    [Test]
    public async Task SyncRepo_PushedFileWithATabIndentation_IsAnInvalidFileAtTheTabsLine()
    {
        var report = await SyncAsync(fix: false, body: new
        {
            files = new[] { new { path = "workplans/t.md", content = "---\nid: X\ntitle: t\nstatus: active\ntasks:\n\t- id: T01\n---\n" } },
        });

        var invalid = report["drift"]!.AsArray().Single()!;
        Assert.That(invalid["kind"]!.GetValue<string>(), Is.EqualTo("invalid_file"));
        Assert.That(invalid["line"]!.GetValue<int>(), Is.EqualTo(6), invalid.ToJsonString());
    }

    [TestCase("""{"files": [{"path": "workplans/a\u0000.md", "content": "x"}]}""")]
    [TestCase("""{"files": [{"path": "workplans/a.md", "content": "x", "extra\u0000": "x"}]}""")]
    [TestCase("""{"files": [{"path": "workplans/a.md", "content": ["\u0000"]}]}""")]
    [TestCase("""{"content": "\u0000", "files": []}""")]
    [TestCase("""{"files": [{"content": "x", "p\u0061th": "workplans/a\u0000.md"}]}""")]
    public async Task SyncRepo_NulOutsideAFileContent_Returns422(string body)
    {
        using var response = await PostSyncAsync($"/repos/{Slug}/sync", RawJson(body));

        var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("NUL"), problem.ToJsonString());
    }

    [Test]
    public async Task SyncRepo_MissingContentOrUnknownField_Returns422()
    {
        using var missingContent = await PostSyncAsync($"/repos/{Slug}/sync", RawJson("""{"files": [{"path": "workplans/a.md"}]}"""));
        using var unknownField = await PostSyncAsync($"/repos/{Slug}/sync", RawJson("""{"files": [], "run": "rm -rf /"}"""));
        using var nullEntry = await PostSyncAsync($"/repos/{Slug}/sync", RawJson("""{"files": [null]}"""));

        await AssertProblemAsync(missingContent, HttpStatusCode.UnprocessableEntity);
        await AssertProblemAsync(unknownField, HttpStatusCode.UnprocessableEntity);
        await AssertProblemAsync(nullEntry, HttpStatusCode.UnprocessableEntity);
    }

    [Test]
    public async Task SyncRepo_MalformedJson_Returns400()
    {
        using var response = await PostSyncAsync($"/repos/{Slug}/sync", RawJson("{\"files\": ["));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task SyncRepo_FixNotABoolean_Returns422NamingItAndTheAcceptedValues()
    {
        using var response = await PostSyncAsync($"/repos/{Slug}/sync?fix=maybe", Json(new { files = Array.Empty<object>() }));

        var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.StartWith("fix: 'maybe' is not a valid boolean for fix; use true/false, 1/0"));
    }

    [TestCase("", true)]
    [TestCase("Yes", true)]
    [TestCase("on", true)]
    [TestCase("N", false)]
    [TestCase("OFF", false)]
    [TestCase("0", false)]
    public async Task SyncRepo_FixSpelledAsPydanticAcceptsOrEmpty_FixesOnlyWhenTrueOrNotGiven(string value, bool expectFix)
    {
        var body = Json(new { files = new[] { new { path = "workplans/registry.md", content = RegistryPlan } } });

        using var response = await PostSyncAsync($"/repos/{Slug}/sync?fix={value}", body);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var report = await ReadJsonAsync(response);
        Assert.That(report["fix"]!.GetValue<bool>(), Is.EqualTo(expectFix));
        Assert.That(await HubAsync(), expectFix ? Has.Count.EqualTo(1) : Is.Empty);
    }
}
