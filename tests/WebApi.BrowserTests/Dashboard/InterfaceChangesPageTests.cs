using StateHub.WebApi.BrowserTests.Infrastructure;

namespace StateHub.WebApi.BrowserTests.Dashboard;

public sealed class InterfaceChangesPageTests : DashboardBrowserTestBase
{
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
}
