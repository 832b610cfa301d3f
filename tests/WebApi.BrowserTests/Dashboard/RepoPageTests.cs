using StateHub.WebApi.BrowserTests.Infrastructure;

namespace StateHub.WebApi.BrowserTests.Dashboard;

public sealed class RepoPageTests : DashboardBrowserTestBase
{
    [Test]
    public async Task RepoPage_UnknownSlug_Shows404PageWithWayBack()
    {
        await OpenAsync("/dashboard/repos/no-such-repo", 404);
        await ScreenshotAsync();

        Assert.That(await Page.TitleAsync(), Is.EqualTo("Repo not found · State Hub"));
        Assert.That(await TextOfAsync("#not-found"), Does.Contain("no-such-repo").And.Contain("POST /repos/"));
        Assert.That(await Page.Locator("#not-found a[href='/dashboard']").CountAsync(), Is.EqualTo(1));
    }

    [Test]
    public async Task RepoPage_RegisteredRepo_ShowsRegistrationFacts()
    {
        await CreateDomainAsync();
        await RegisterRepoAsync("repo-registry", name: "Repo Registry", remoteUrl: "git@example.com:org/repo-registry.git", gitFingerprint: new string('a', 40));
        await SendOkAsync(HttpMethod.Post, "/repos/repo-registry/paths", new { host = "build-1", path = "/srv/repo-registry" });

        await OpenAsync("/dashboard/repos/repo-registry");
        await ScreenshotAsync();

        Assert.That(await TextOfAsync("#repo-name"), Is.EqualTo("Repo Registry"));
        var facts = await TextOfAsync("#facts");
        Assert.That(facts, Does.Contain("git@example.com:org/repo-registry.git"));
        Assert.That(facts, Does.Contain(new string('a', 40)));
        Assert.That(facts, Does.Contain("/srv/repo-registry"));
        Assert.That(facts, Does.Contain("2 Nov 2026"), "registration date in a readable form");
        Assert.That(facts, Does.Contain("never"), "workplans never synced");
        Assert.That(await TextOfAsync("#doi .badge"), Is.EqualTo("none"));
        Assert.That(await TextOfAsync("#doi"), Does.Contain("to reach core, fix C4, C5"));
        await Page.Locator("#doi-criteria summary").ClickAsync();
        Assert.That(await Page.Locator("#doi-criteria tr[data-criterion]").CountAsync(), Is.EqualTo(14));
        Assert.That(await Page.Locator("#doi-criteria tr[data-criterion=C2]").GetAttributeAsync("data-status"), Is.EqualTo("pass"));
        Assert.That(await Page.Locator("#doi-criteria tr[data-criterion=C4]").InnerTextAsync(), Does.Contain("POST /repos/repo-registry/paths"));
        await ScreenshotAsync("RepoPage_RegisteredRepo_DoiCriteriaOpen");
    }

    [Test]
    public async Task RepoPage_WithWork_ShowsGoalWorkstreamsTasksInterventionsAndEvents()
    {
        await CreateDomainAsync();
        await RegisterRepoAsync("state-hub", name: "State Hub");
        await PostCreatedAsync("/repos/state-hub/goals", new { title = "Ship the dashboard", description = "Maintainers see the fleet at a glance.", priority = 1 });
        await PostCreatedAsync("/repos/state-hub/goals", new { title = "Less urgent goal", priority = 4 });
        var icr = await PostCreatedAsync("/repos/state-hub/workstreams", new { key = "CUST-WP-0033", title = "Interface Change Registry" });
        var icrId = icr["id"]!.GetValue<string>();
        await PostCreatedAsync($"/workstreams/{icrId}/tasks", new { key = "T01", title = "interface_changes table", status = "done" });
        await PostCreatedAsync($"/workstreams/{icrId}/tasks", new { key = "T02", title = "Publish endpoint", priority = 2, status = "in_progress" });
        await PostCreatedAsync($"/workstreams/{icrId}/tasks", new { key = "T03", title = "Approve the webhook design", priority = 1, needs_human = true });
        await PostCreatedAsync("/repos/state-hub/workstreams", new { key = "CUST-WP-0040", title = "Paused work", status = "paused" });
        await PostCreatedAsync("/repos/state-hub/events", new { kind = "task_done", summary = "T01 interface_changes table done", data = new { task = "T01" } });
        App.Clock.Advance(TimeSpan.FromDays(3));
        await PostCreatedAsync("/repos/state-hub/events", new { kind = "session_started", summary = "Agent session started" });

        await OpenAsync("/dashboard/repos/state-hub");
        await ScreenshotAsync();

        Assert.That(await Page.TitleAsync(), Is.EqualTo("State Hub · State Hub"));
        Assert.That(await TextOfAsync("#goal"), Does.Contain("Ship the dashboard").And.Contain("priority 1").And.Not.Contain("Less urgent goal"));
        var workstreams = await Page.Locator("#workstreams [data-workstream]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.workstream)");
        Assert.That(workstreams, Is.EqualTo(new[] { "CUST-WP-0033" }), "only active workstreams");
        var tasks = await Page.Locator("[data-workstream='CUST-WP-0033'] tr[data-task]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.task)");
        Assert.That(tasks, Is.EqualTo(new[] { "T03", "T02" }), "open tasks by priority; done ones left out");
        Assert.That(await TextOfAsync("[data-workstream='CUST-WP-0033'] tr[data-task=T02]"), Does.Contain("in progress"));
        Assert.That(await TextOfAsync("#interventions"), Does.Contain("T03").And.Contain("Approve the webhook design").And.Contain("needs human"));
        var events = await Page.Locator("#events li").AllInnerTextsAsync();
        Assert.That(events, Has.Count.EqualTo(2));
        Assert.That(events[0], Does.Contain("session_started").And.Contain("just now"));
        Assert.That(events[1], Does.Contain("T01 interface_changes table done").And.Contain("3 days ago"));
    }

    [Test]
    public async Task RepoPage_NoWork_SaysWhatToDo()
    {
        await CreateDomainAsync();
        await RegisterRepoAsync("empty-repo");

        await OpenAsync("/dashboard/repos/empty-repo");
        await ScreenshotAsync();

        Assert.That(await TextOfAsync("#goal"), Does.Contain("No active goal").And.Contain("POST /repos/empty-repo/goals"));
        Assert.That(await TextOfAsync("#workstreams"), Does.Contain("No active workstreams").And.Contain("POST /repos/empty-repo/sync"));
        Assert.That(await TextOfAsync("#interventions"), Does.Contain("Nothing waits for a human"));
        Assert.That(await TextOfAsync("#events"), Does.Contain("No events yet").And.Contain("POST /repos/empty-repo/events"));
    }

    [Test]
    public async Task RepoPage_ScriptInTitles_ShowsThemAsTextAndRunsNothing()
    {
        const string hostile = "<script>alert('pwned');window.__pwned=1</script>";
        await CreateDomainAsync();
        await RegisterRepoAsync("hostile", name: hostile, description: "<img src=x onerror=alert(1)>");
        await PostCreatedAsync("/repos/hostile/goals", new { title = hostile, description = hostile });
        var ws = await PostCreatedAsync("/repos/hostile/workstreams", new { key = "WP-<b>1</b>", title = hostile });
        await PostCreatedAsync($"/workstreams/{ws["id"]!.GetValue<string>()}/tasks", new { key = "T<i>1</i>", title = hostile, needs_human = true });
        await PostCreatedAsync("/repos/hostile/events", new { kind = "<u>kind</u>", summary = hostile });

        await OpenAsync("/dashboard/repos/hostile");
        await ScreenshotAsync();

        Assert.That(await TextOfAsync("#repo-name"), Is.EqualTo(hostile));
        Assert.That(await TextOfAsync("#goal h3"), Does.StartWith(hostile));
        Assert.That(await TextOfAsync("#events li"), Does.Contain("<u>kind</u>").And.Contain(hostile));
        Assert.That(await CountAsync("script"), Is.Zero);
        Assert.That(await CountAsync("main img, main b, main i, main u"), Is.Zero);
        Assert.That(await Page.EvaluateAsync<bool>("() => window.__pwned === undefined"), Is.True);
        Assert.That(Dialogs, Is.Empty);
    }

    [Test]
    public async Task RepoPage_AffectedByPublishedChange_ShowsTheChangeAndItsInboxMessage()
    {
        await CreateDomainAsync();
        await RegisterRepoAsync("repo-registry", name: "Repo Registry");
        await RegisterRepoAsync("state-hub", name: "State Hub");
        var change = await PostCreatedAsync("/interface-changes/", new
        {
            origin_repo_slug = "repo-registry",
            title = "Trailing-slash normalisation",
            description = "Every route answers with and without a trailing slash.",
            change_type = "breaking",
            interface_type = "http_api",
            affected_repo_slugs = new[] { "state-hub" },
            affected_paths = new[] { "/repos/" },
            planned_for = "2026-11-20",
        });
        var id = change["id"]!.GetValue<string>();
        await SendOkAsync(HttpMethod.Post, $"/interface-changes/{id}/publish");
        App.Clock.Advance(TimeSpan.FromHours(5));

        await OpenAsync("/dashboard/repos/state-hub");
        await Page.Locator("#inbox li summary").First.ClickAsync();
        await ScreenshotAsync();

        var pending = await TextOfAsync($"#pending-changes li[data-change='{id}']");
        Assert.That(pending, Does.Contain("breaking").And.Contain("HTTP API").And.Contain("Trailing-slash normalisation"));
        Assert.That(pending, Does.Contain("from repo-registry").And.Contain("planned 20 Nov 2026").And.Contain("published 5 hours ago"));
        Assert.That(await TextOfAsync("#inbox h2"), Does.Contain("1 unread message"));
        var message = Page.Locator("#inbox li").First;
        Assert.That(await message.GetAttributeAsync("class"), Is.EqualTo("unread"));
        Assert.That(await message.InnerTextAsync(), Does.Contain("Trailing-slash normalisation").And.Contain("5 hours ago"));
        Assert.That(await message.Locator("pre.message-body").InnerTextAsync(), Does.Contain("Every route answers with and without a trailing slash."));

        // The origin's page has no pending change, an empty inbox, and the publication on its timeline.
        await OpenAsync("/dashboard/repos/repo-registry");
        Assert.That(await TextOfAsync("#pending-changes"), Does.Contain("No published change affects this repo"));
        Assert.That(await TextOfAsync("#inbox"), Does.Contain("The inbox is empty"));
        Assert.That(await TextOfAsync("#events"), Does.Contain("Trailing-slash normalisation"));
    }
}
