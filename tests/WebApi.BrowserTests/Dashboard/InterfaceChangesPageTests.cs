using StateHub.WebApi.BrowserTests.Infrastructure;

namespace StateHub.WebApi.BrowserTests.Dashboard;

public sealed class InterfaceChangesPageTests : DashboardBrowserTestBase
{
    private const string Hostile = "<script>alert('pwned');window.__pwned=1</script> list_repos MCP tool";

    [Test]
    public async Task InterfaceChanges_DraftsPublishedAndResolved_ShowsCalendarCardsAndDrafts()
    {
        await CreateDomainAsync();
        await RegisterRepoAsync("repo-registry", name: "Repo Registry");
        await RegisterRepoAsync("state-hub", name: "State Hub");
        await RegisterRepoAsync("custodian", name: "Custodian");
        var published = await RegisterChangeAsync("repo-registry", "Trailing-slash normalisation", "breaking", "http_api", ["state-hub", "custodian"], ["/repos/"], "2026-11-20", "Every route answers with and without a trailing slash.");
        await SendOkAsync(HttpMethod.Post, $"/interface-changes/{published}/publish");
        var hostile = await RegisterChangeAsync("state-hub", Hostile, "additive", "mcp_tool", ["repo-registry"], [], "2026-12-02", Hostile);
        var unplanned = await RegisterChangeAsync("repo-registry", "Deprecate by-remote lookups", "deprecation", "http_api", ["custodian"], [], null, null);
        var resolved = await RegisterChangeAsync("custodian", "Old --force flag removed", "removal", "cli", ["state-hub"], [], "2026-11-03", null);
        await SendOkAsync(HttpMethod.Post, $"/interface-changes/{resolved}/publish");
        await SendOkAsync(HttpMethod.Post, $"/interface-changes/{resolved}/acknowledgements/state-hub", new { status = "migrated", note = "Moved to --yes." });
        await SendOkAsync(HttpMethod.Post, $"/interface-changes/{resolved}/resolve", new { resolution_note = "Every caller moved to --yes." });
        App.Clock.Advance(TimeSpan.FromDays(3));

        await OpenAsync("/dashboard/interface-changes");
        await Page.Locator("#resolved summary").ClickAsync();
        await ScreenshotAsync();

        Assert.That(await TextOfAsync(".counts li[data-status=draft] .number"), Is.EqualTo("2"));
        Assert.That(await TextOfAsync(".counts li[data-status=published] .number"), Is.EqualTo("1"));
        Assert.That(await TextOfAsync(".counts li[data-status=resolved] .number"), Is.EqualTo("1"));
        Assert.That(await CountAsync("#empty-changes"), Is.Zero);

        // The calendar: open changes on their planned day; resolved ones left out.
        Assert.That(await TextOfAsync("#calendar-month"), Is.EqualTo("November 2026"));
        var day = await TextOfAsync("table.calendar td[data-date='2026-11-20']");
        Assert.That(day, Does.Contain("Trailing-slash normalisation").And.Contain("breaking"));
        Assert.That(await TextOfAsync("table.calendar td[data-date='2026-11-03']"), Does.Not.Contain("--force"));
        var notes = await TextOfAsync("#calendar-notes");
        Assert.That(notes, Does.Contain("Also planned: Dec 2026 (1)").And.Contain("1 open change without a planned date"));

        // The published card: badges, origin, affected repos and paths, planned date and age.
        var card = Page.Locator($"#published article[data-change='{published}']");
        Assert.That(await card.Locator(".badge").AllInnerTextsAsync(), Is.EqualTo(new[] { "breaking", "HTTP API" }));
        Assert.That(await card.Locator(".origin a").GetAttributeAsync("href"), Is.EqualTo("/dashboard/repos/repo-registry"));
        Assert.That(await card.Locator(".affected a").AllInnerTextsAsync(), Is.EquivalentTo(new[] { "state-hub", "custodian" }));
        var cardText = await card.InnerTextAsync();
        Assert.That(cardText, Does.Contain("/repos/").And.Contain("20 Nov 2026").And.Contain("in 15 days"));
        Assert.That(await card.Locator(".age").InnerTextAsync(), Is.EqualTo("3 days ago"));

        // Drafts in a table, newest first; the hostile title is text.
        var drafts = await Page.Locator("#drafts tr[data-change]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.change)");
        Assert.That(drafts, Is.EquivalentTo(new[] { hostile, unplanned }));
        Assert.That(await TextOfAsync($"#drafts tr[data-change='{hostile}']"), Does.Contain(Hostile).And.Contain("MCP tool").And.Contain("2 Dec 2026"));
        Assert.That(await CountAsync("script"), Is.Zero);
        Assert.That(await Page.EvaluateAsync<bool>("() => window.__pwned === undefined"), Is.True);
        Assert.That(Dialogs, Is.Empty);

        Assert.That(await TextOfAsync($"#resolved tr[data-change='{resolved}']"), Does.Contain("Every caller moved to --yes.").And.Contain("3 days ago"));

        await Page.Locator("#calendar-notes a").ClickAsync();
        await ScreenshotAsync("InterfaceChanges_December");
        Assert.That(await TextOfAsync("#calendar-month"), Is.EqualTo("December 2026"));
        Assert.That(await TextOfAsync("table.calendar td[data-date='2026-12-02']"), Does.Contain(Hostile).And.Contain("(draft)"));
    }

    [Test]
    public async Task InterfaceChanges_None_SaysHowToRegisterOneAndShowsThisMonth()
    {
        await OpenAsync("/dashboard/interface-changes");
        await ScreenshotAsync();

        Assert.That(await TextOfAsync("#empty-changes"), Does.Contain("No interface changes yet").And.Contain("POST /interface-changes/"));
        Assert.That(await TextOfAsync("#calendar-month"), Is.EqualTo("November 2026"));
        Assert.That(await Page.Locator("table.calendar td.today").GetAttributeAsync("data-date"), Is.EqualTo("2026-11-02"));
        Assert.That(await Page.Locator("#legend .badge").AllInnerTextsAsync(), Does.Contain("breaking").And.Contain("HTTP API").And.Contain("file format"));
    }

    [Test]
    public async Task InterfaceChanges_CalendarNavigation_MovesByMonth()
    {
        await OpenAsync("/dashboard/interface-changes");

        await Page.Locator("#calendar a[rel=next]").ClickAsync();
        Assert.That(await TextOfAsync("#calendar-month"), Is.EqualTo("December 2026"));
        Assert.That(Page.Url, Does.EndWith("?month=2026-12"));
        // December 2026 starts on a Tuesday: the first cell is Monday 30 November, greyed out.
        Assert.That(await Page.Locator("table.calendar td").First.GetAttributeAsync("data-date"), Is.EqualTo("2026-11-30"));
        Assert.That(await Page.Locator("table.calendar td").First.GetAttributeAsync("class"), Does.Contain("other"));

        await Page.Locator("#calendar a[rel=prev]").ClickAsync();
        await Page.Locator("#calendar a[rel=prev]").ClickAsync();
        Assert.That(await TextOfAsync("#calendar-month"), Is.EqualTo("October 2026"));
    }

    [Test]
    public async Task InterfaceChanges_MonthNotAMonth_ShowsThisMonth()
    {
        await OpenAsync("/dashboard/interface-changes?month=%3Cscript%3E");

        Assert.That(await TextOfAsync("#calendar-month"), Is.EqualTo("November 2026"));
    }

    private async Task<string> RegisterChangeAsync(string origin, string title, string changeType, string interfaceType, string[] affected, string[] paths, string? plannedFor, string? description)
    {
        var change = await PostCreatedAsync("/interface-changes/", new
        {
            origin_repo_slug = origin,
            title,
            description,
            change_type = changeType,
            interface_type = interfaceType,
            affected_repo_slugs = affected,
            affected_paths = paths,
            planned_for = plannedFor,
        });
        return change["id"]!.GetValue<string>();
    }
}
