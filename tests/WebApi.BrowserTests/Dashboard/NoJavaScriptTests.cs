using StateHub.WebApi.BrowserTests.Infrastructure;

namespace StateHub.WebApi.BrowserTests.Dashboard;

/// <summary>The pages are plain HTML and CSS: with JavaScript off, everything still reads and expands.</summary>
public sealed class NoJavaScriptTests : DashboardBrowserTestBase
{
    protected override bool JavaScriptEnabled => false;

    [Test]
    public async Task Fleet_WithoutJavaScript_ExpandsARepo()
    {
        await CreateDomainAsync();
        await RegisterRepoAsync("repo-registry", name: "Repo Registry");

        await OpenAsync("/dashboard");
        var repo = Page.Locator("details.repo[data-repo=repo-registry]");
        Assert.That(await repo.GetAttributeAsync("open"), Is.Null, "collapsed at first");
        await repo.Locator("summary").ClickAsync();
        await ScreenshotAsync();

        Assert.That(await repo.GetAttributeAsync("open"), Is.Not.Null, "a click on the summary opens it without any script");
        Assert.That(await repo.Locator(".body").IsVisibleAsync(), Is.True);
    }

    [TestCase("/dashboard", "Fleet")]
    [TestCase("/dashboard/interface-changes", "Interface changes")]
    public async Task Page_WithoutJavaScript_IsStyledAndReadable(string path, string heading)
    {
        await OpenAsync(path);

        Assert.That(await TextOfAsync("h1"), Is.EqualTo(heading));
        var background = await Page.Locator("header.top").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
        Assert.That(background, Is.EqualTo("rgb(36, 41, 47)"), "the stylesheet applied");
    }
}
