using StateHub.WebApi.BrowserTests.Infrastructure;

namespace StateHub.WebApi.BrowserTests.Dashboard;

public sealed class FleetPageTests : DashboardBrowserTestBase
{
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
