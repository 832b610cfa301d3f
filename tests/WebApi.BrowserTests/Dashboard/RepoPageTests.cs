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
    }
}
