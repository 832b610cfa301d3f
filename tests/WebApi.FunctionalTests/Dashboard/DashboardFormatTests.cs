using StateHub.WebApi.Dashboard;

namespace StateHub.WebApi.FunctionalTests.Dashboard;

/// <summary>How the dashboard words dates and lays out its calendar (pure functions; no host needed).</summary>
public sealed class DashboardFormatTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    [TestCase(0, "just now")]
    [TestCase(-59, "just now")]
    [TestCase(-60, "1 minute ago")]
    [TestCase(-5 * 60, "5 minutes ago")]
    [TestCase(-60 * 60, "1 hour ago")]
    [TestCase(-23 * 60 * 60, "23 hours ago")]
    [TestCase(-30 * 60 * 60, "yesterday")]
    [TestCase(-3 * 24 * 60 * 60, "3 days ago")]
    [TestCase(-65 * 24 * 60 * 60, "2 months ago")]
    [TestCase(-800 * 24 * 60 * 60, "2 years ago")]
    [TestCase(2 * 60 * 60, "in 2 hours")]
    [TestCase(30 * 60 * 60, "tomorrow")]
    [TestCase(10 * 24 * 60 * 60, "in 10 days")]
    public void Ago_SecondsFromNow_ReadsAsAPersonWouldSayIt(int seconds, string expected) =>
        Assert.That(DashboardFormat.Ago(Now.AddSeconds(seconds), Now), Is.EqualTo(expected));

    [Test]
    public void Day_Moment_IsDayShortMonthYearInUtc()
    {
        Assert.That(DashboardFormat.Day(new DateTimeOffset(2026, 12, 2, 23, 30, 0, TimeSpan.FromHours(-2))), Is.EqualTo("3 Dec 2026"));
        Assert.That(DashboardFormat.Day(new DateOnly(2026, 12, 2)), Is.EqualTo("2 Dec 2026"));
        Assert.That(DashboardFormat.Moment(Now), Is.EqualTo("2 Nov 2026, 09:00 UTC"));
    }

    [TestCase("2026-11-02", "today")]
    [TestCase("2026-11-03", "tomorrow")]
    [TestCase("2026-11-01", "yesterday")]
    [TestCase("2026-11-20", "in 18 days")]
    [TestCase("2026-10-23", "10 days ago")]
    public void DaysFrom_PlannedDay_CountsCalendarDays(string day, string expected) =>
        Assert.That(DashboardFormat.DaysFrom(DateOnly.Parse(day), Now), Is.EqualTo(expected));

    [Test]
    public void MonthCalendar_December2026_StartsOnTheMondayBeforeAndPlacesItems()
    {
        var items = new[] { ("a", (DateOnly?)new DateOnly(2026, 12, 2)), ("b", null), ("c", new DateOnly(2026, 11, 30)) };

        var calendar = MonthCalendar<(string, DateOnly?)>.Build(new DateOnly(2026, 12, 17), new DateOnly(2026, 12, 2), items, i => i.Item2);

        Assert.That(calendar.Title, Is.EqualTo("December 2026"));
        Assert.That(calendar.Weeks, Has.Count.EqualTo(5));
        Assert.That(calendar.Weeks.All(w => w.Count == 7), Is.True);
        Assert.That(calendar.Weeks[0][0].Date, Is.EqualTo(new DateOnly(2026, 11, 30)));
        Assert.That(calendar.Weeks[0][0].InMonth, Is.False);
        Assert.That(calendar.Weeks[^1][^1].Date, Is.EqualTo(new DateOnly(2027, 1, 3)));
        var second = calendar.Weeks[0][2];
        Assert.That(second.Date, Is.EqualTo(new DateOnly(2026, 12, 2)));
        Assert.That(second.IsToday, Is.True);
        Assert.That(second.Items.Select(i => i.Item1), Is.EqualTo(new[] { "a" }));
        Assert.That(calendar.ItemCount, Is.EqualTo(1), "the 30 November item lies outside the month");
        Assert.That((calendar.PreviousKey, calendar.Key, calendar.NextKey), Is.EqualTo(("2026-11", "2026-12", "2027-01")));
    }

    [Test]
    public void MonthCalendar_February2027_IsExactlyFourWeeks()
    {
        var calendar = MonthCalendar<string>.Build(new DateOnly(2027, 2, 1), new DateOnly(2026, 11, 2), [], _ => null);

        Assert.That(calendar.Weeks, Has.Count.EqualTo(4));
        Assert.That(calendar.Weeks.SelectMany(w => w).All(d => d.InMonth), Is.True);
    }

    [TestCase("2026-12", "2026-12-01")]
    [TestCase("2027-01", "2027-01-01")]
    [TestCase("2026-13", null)]
    [TestCase("december", null)]
    [TestCase("", null)]
    [TestCase(null, null)]
    public void ParseMonth_Text_ReadsOnlyYearDashMonth(string? text, string? expected) =>
        Assert.That(MonthCalendar<string>.ParseMonth(text), Is.EqualTo(expected is null ? (DateOnly?)null : DateOnly.Parse(expected)));
}
