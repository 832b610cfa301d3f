using System.Net;
using StateHub.WebApi.FunctionalTests.Infrastructure;

namespace StateHub.WebApi.FunctionalTests.Dashboard;

/// <summary>The dashboard sits beside the API without changing it; what the pages show is tested in a browser (WebApi.BrowserTests).</summary>
public sealed class DashboardEndpointsTests : FunctionalTestBase
{
    [TestCase("/dashboard")]
    [TestCase("/dashboard/")]
    [TestCase("/dashboard/interface-changes")]
    public async Task DashboardPage_Returns200HtmlWithNoScriptPolicy(string path)
    {
        var response = await Client.GetAsync(path);

        var html = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), html);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        Assert.That(response.Headers.GetValues("Content-Security-Policy").Single(), Does.Contain("default-src 'none'").And.Not.Contain("script-src"));
        Assert.That(html, Does.Not.Contain("<script"));
    }

    [Test]
    public async Task DashboardStylesheet_IsServed()
    {
        var response = await Client.GetAsync("/css/dashboard.css");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/css"));
    }

    [Test]
    public async Task UnknownRepoPage_Returns404Html()
    {
        var response = await Client.GetAsync("/dashboard/repos/no-such-repo");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("no-such-repo"));
    }

    [Test]
    public async Task InterfaceChangesPage_ShowsEveryOpenChange_NotOnlyTheNewestPage()
    {
        await CreateDomainAsync();
        await RegisterRepoAsync("origin");
        for (var i = 0; i <= 100; i++)
        {
            await PostCreatedAsync("/interface-changes/", new
            {
                origin_repo_slug = "origin", title = i == 0 ? "Oldest draft of all" : $"Draft {i}", description = "d",
                change_type = "additive", interface_type = "http_api", affected_repo_slugs = Array.Empty<string>(),
            });
        }

        var html = await (await Client.GetAsync("/dashboard/interface-changes")).Content.ReadAsStringAsync();

        Assert.That(html, Does.Contain("Oldest draft of all"), "101 drafts: the list API's default page holds 100");
        Assert.That(html, Does.Contain("Draft 100"));
    }

    /// <summary>The first and last months a date can name lay out, and the page links to them itself.</summary>
    [Test]
    public async Task InterfaceChangesPage_ChangesPlannedAtTheEndsOfTheCalendar_EveryMonthItLinksOpens()
    {
        await CreateDomainAsync();
        await RegisterRepoAsync("origin");
        foreach (var (title, day) in new[] { ("At the end of time", "9999-12-31"), ("At the dawn of time", "0001-01-01") })
        {
            await PostCreatedAsync("/interface-changes/", new
            {
                origin_repo_slug = "origin", title, description = "d", change_type = "additive", interface_type = "http_api",
                affected_repo_slugs = Array.Empty<string>(), planned_for = day,
            });
        }

        var html = await (await Client.GetAsync("/dashboard/interface-changes")).Content.ReadAsStringAsync();
        Assert.That(html, Does.Contain("?month=9999-12").And.Contain("?month=0001-01"));

        foreach (var (month, title) in new[] { ("9999-12", "At the end of time"), ("0001-01", "At the dawn of time") })
        {
            using var response = await Client.GetAsync($"/dashboard/interface-changes?month={month}");
            var page = await response.Content.ReadAsStringAsync();
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), page);
            Assert.That(page, Does.Contain(title));
        }
    }

    [Test]
    public async Task OpenApiDocument_HasNoDashboardPaths()
    {
        var document = await GetOkAsync("/swagger/v1/swagger.json");

        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.That(paths, Has.Some.StartsWith("/repos"));
        Assert.That(paths, Has.None.Contains("dashboard"));
    }
}
