using Microsoft.Extensions.DependencyInjection;
using StateHub.Application.Common.Abstractions;
using StateHub.WebApi.BrowserTests.Infrastructure;

namespace StateHub.WebApi.BrowserTests.Dashboard;

public sealed class FleetPageTests : DashboardBrowserTestBase
{
    private readonly List<TestRepoDirectory> _directories = [];

    [TearDown]
    public void RemoveDirectories()
    {
        foreach (var directory in _directories)
            directory.Dispose();
        _directories.Clear();
    }

    [Test]
    public async Task Fleet_ReposAtEveryTier_ShowsBadgesWorstFirstCountsAndCriteria()
    {
        await CreateDomainAsync("platform", "Platform");
        await CreateDomainAsync("agents", "Agents");
        await RegisterRepoAsync("bare", "platform", "Bare");
        await ArrangeRepoAsync("full-repo", "Full Repo", standard: true, full: true);
        await ArrangeRepoAsync("core-repo", "Core Repo", standard: false, full: false);
        await ArrangeRepoAsync("standard-repo", "Standard Repo", standard: true, full: false);
        await RegisterRepoAsync("retired", "agents", "Retired");
        await SendOkAsync(HttpMethod.Patch, "/repos/retired/archive");

        await OpenAsync("/dashboard");
        await Page.Locator("details.repo[data-repo=bare] summary").ClickAsync();
        await ScreenshotAsync();

        var order = await Page.Locator("[data-domain=platform] details.repo").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.repo + ':' + e.dataset.tier)");
        Assert.That(order, Is.EqualTo(new[] { "bare:none", "core-repo:core", "standard-repo:standard", "full-repo:full" }), "worst tier first");
        foreach (var tier in new[] { "none", "core", "standard", "full" })
            Assert.That(await TextOfAsync($".counts li[data-tier={tier}] .number"), Is.EqualTo("1"), tier);
        Assert.That(await TextOfAsync(".counts li[data-tier=archived] .number"), Is.EqualTo("1"));
        Assert.That(await TextOfAsync("details.repo[data-repo=core-repo] summary .badge"), Is.EqualTo("core"));

        var bare = Page.Locator("details.repo[data-repo=bare]");
        Assert.That(await bare.Locator("tr[data-criterion]").CountAsync(), Is.EqualTo(14));
        Assert.That(await bare.Locator("tr[data-criterion=C1]").GetAttributeAsync("data-status"), Is.EqualTo("pass"));
        Assert.That(await bare.Locator("tr[data-criterion=C2]").GetAttributeAsync("data-status"), Is.EqualTo("fail"));
        Assert.That(await bare.Locator("tr[data-criterion=C2]").InnerTextAsync(), Does.Contain("PATCH /repos/bare"), "the fix hint");
        Assert.That(await bare.Locator(".next-tier").InnerTextAsync(), Does.Contain("To reach core, fix C2, C3, C4, C5"));
        Assert.That(await bare.Locator("tr[data-criterion=C2]").IsVisibleAsync(), Is.True, "expanded");
        Assert.That(await Page.Locator("details.repo[data-repo=core-repo] tr[data-criterion=C2]").IsVisibleAsync(), Is.False, "others stay collapsed");
        foreach (var id in new[] { "C7", "C13" })
        {
            var row = bare.Locator($"tr[data-criterion={id}]");
            Assert.That(await row.GetAttributeAsync("data-status"), Is.EqualTo("skip"), id);
            Assert.That(await row.InnerTextAsync(), Does.Contain("Not run on the fleet page"), id);
            Assert.That(await row.Locator("a").GetAttributeAsync("href"), Is.EqualTo("/dashboard/repos/bare"), id);
        }

        Assert.That(await bare.Locator(".skipped-here").InnerTextAsync(), Does.Contain("does not run C7 and C13"));

        var full = Page.Locator("details.repo[data-repo=full-repo]");
        await full.Locator("summary").ClickAsync();
        Assert.That(await full.Locator(".next-tier").InnerTextAsync(), Does.Contain("fully integrated unless C7 or C13 fails"), "the fleet page did not run them");
        Assert.That(await full.Locator("tr[data-status=fail]").CountAsync(), Is.Zero);
        Assert.That(await full.Locator("summary").InnerTextAsync(), Does.Contain("checked just now"));
        Assert.That(await TextOfAsync("[data-domain=agents] [data-repo=retired]"), Does.Contain("archived"));

        await full.Locator(".skipped-here a").ClickAsync();
        await Page.WaitForURLAsync("**/dashboard/repos/full-repo");
        await Page.Locator("#doi-criteria summary").ClickAsync();
        Assert.That(await Page.Locator("#doi-criteria tr[data-criterion=C13]").GetAttributeAsync("data-status"), Is.EqualTo("pass"), "the repo page runs C13");
        Assert.That(await Page.Locator("#doi-criteria .skipped-here").CountAsync(), Is.Zero);
        Assert.That(await Page.Locator("#doi-criteria .next-tier").InnerTextAsync(), Does.Contain("Every criterion passes or does not apply: this repo is fully integrated."));
    }

    /// <summary>A real git repo on disk, registered on this host, with what each tier asks for.</summary>
    private async Task ArrangeRepoAsync(string slug, string name, bool standard, bool full)
    {
        var directory = TestRepoDirectory.Create(slug);
        _directories.Add(directory);
        directory.Write("AGENTS.md", "# Agent instructions\n");
        if (standard)
            directory.Write("README.md", $"# {name}\n");
        if (full)
            directory.Write(".ci/run", "#!/bin/sh\n");
        directory.Commit("first");

        await RegisterRepoAsync(slug, "platform", name, remoteUrl: $"git@example.com:org/{slug}.git", gitFingerprint: directory.RootCommit);
        var host = App.Services.GetRequiredService<IHostIdentity>().HostName;
        await SendOkAsync(HttpMethod.Post, $"/repos/{slug}/paths", new { host, path = directory.Path });
        if (standard)
        {
            await SendOkAsync(HttpMethod.Patch, $"/repos/{slug}", new { last_sbom_at = App.Clock.GetUtcNow() });
            await PostCreatedAsync($"/repos/{slug}/tpsc-snapshots", new { components = new[] { new { name = "Npgsql", version = "10.0.0", ecosystem = "nuget", license = "PostgreSQL" } } });
            await PostCreatedAsync($"/repos/{slug}/goals", new { title = "Ship", priority = 1 });
        }

        if (full)
            await SendOkAsync(HttpMethod.Post, $"/repos/{slug}/sync");
    }

    [Test]
    public async Task Fleet_NoDomains_SaysHowToStart()
    {
        await OpenAsync("/dashboard");
        await ScreenshotAsync();

        Assert.That(await Page.TitleAsync(), Is.EqualTo("Fleet · State Hub"));
        Assert.That(await TextOfAsync("#empty-fleet"), Does.Contain("No domains yet").And.Contain("POST /domains/"));
        Assert.That(PageErrors, Is.Empty, "the stylesheet loads and nothing fails in the console");
    }

    [Test]
    public async Task Fleet_DomainWithoutRepos_SaysHowToRegisterOne()
    {
        await CreateDomainAsync();

        await OpenAsync("/dashboard");
        await ScreenshotAsync();

        Assert.That(await TextOfAsync("#empty-fleet"), Does.Contain("No repos yet").And.Contain("POST /repos/"));
        Assert.That(await TextOfAsync("[data-domain=platform]"), Does.Contain("No repos in this domain yet"));
    }

    [Test]
    public async Task Fleet_ReposInTwoDomains_GroupsThemByDomain()
    {
        await CreateDomainAsync("platform", "Platform");
        await CreateDomainAsync("agents", "Agents");
        await RegisterRepoAsync("repo-registry", "platform", "Repo Registry");
        await RegisterRepoAsync("state-hub", "platform", "State Hub");
        await RegisterRepoAsync("custodian", "agents", "Custodian");
        await SendOkAsync(HttpMethod.Patch, "/repos/state-hub/archive");

        await OpenAsync("/dashboard");
        await ScreenshotAsync();

        var domains = await Page.Locator("section.domain h2").AllInnerTextsAsync();
        Assert.That(domains, Is.EqualTo(new[] { "Agents", "Platform" }));
        Assert.That(await Page.Locator("[data-domain=platform] details.repo").CountAsync(), Is.EqualTo(1));
        Assert.That(await TextOfAsync("[data-domain=platform] details.repo[data-repo=repo-registry] summary"), Does.Contain("Repo Registry"));
        Assert.That(await TextOfAsync("[data-domain=platform] [data-repo=state-hub]"), Does.Contain("archived"));
        Assert.That(await TextOfAsync("[data-domain=agents]"), Does.Contain("Custodian"));
        Assert.That(await TextOfAsync("main .lead"), Does.Contain("2 active repos in 2 domains"));
    }

    [Test]
    public async Task Fleet_RepoNameWithScript_ShowsItAsTextAndRunsNothing()
    {
        const string hostile = "<script>alert('pwned');window.__pwned=1</script><img src=x onerror=\"alert('img')\">";
        await CreateDomainAsync("platform", "Platform <b>bold</b>");
        await RegisterRepoAsync("hostile", "platform", hostile, description: hostile);

        await OpenAsync("/dashboard");
        await Page.Locator("details.repo[data-repo=hostile] summary").ClickAsync();
        await ScreenshotAsync();

        Assert.That(await TextOfAsync("details.repo[data-repo=hostile] .name"), Is.EqualTo(hostile));
        Assert.That(await TextOfAsync("[data-domain=platform] h2"), Is.EqualTo("Platform <b>bold</b>"));
        Assert.That(await CountAsync("main script"), Is.Zero);
        Assert.That(await CountAsync("main img"), Is.Zero);
        Assert.That(await CountAsync("main h2 b"), Is.Zero);
        Assert.That(await Page.EvaluateAsync<bool>("() => window.__pwned === undefined"), Is.True);
        Assert.That(Dialogs, Is.Empty);
    }

    [Test]
    public async Task UnknownDashboardPage_Shows404Page()
    {
        await OpenAsync("/dashboard/no-such-page", 404);
        await ScreenshotAsync();

        Assert.That(await TextOfAsync("#not-found"), Does.Contain("/dashboard/no-such-page"));
    }
}
