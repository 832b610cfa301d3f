using System.Text.Json;
using StateHub.Application.InterfaceChanges;
using StateHub.Domain.Inbox;
using StateHub.Domain.InterfaceChanges;

namespace StateHub.Application.UnitTests.InterfaceChanges;

public sealed class InterfaceChangeNoticesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private static InterfaceChange Draft() => InterfaceChange.Draft(
        Guid.NewGuid(), "Trailing-slash normalisation", "All routes accept both forms.",
        ChangeType.Behavioural, InterfaceType.HttpApi, ["repo-registry", "repo-registry"], ["/repos/"], new DateOnly(2026, 12, 1));

    [Test]
    public void NoticeTo_Draft_Throws() =>
        Assert.Throws<InvalidOperationException>(() => InterfaceChangeNotices.NoticeTo(Draft(), Guid.NewGuid(), "origin"));

    [Test]
    public void NoticeTo_Published_NamesTypesAndTitleAndCarriesTheDetails()
    {
        var change = Draft();
        change.Publish(Now);
        var repoId = Guid.NewGuid();

        var message = InterfaceChangeNotices.NoticeTo(change, repoId, "repo-registry");

        Assert.That(message.RepoId, Is.EqualTo(repoId));
        Assert.That(message.Kind, Is.EqualTo(InboxMessage.InterfaceChangePublishedKind));
        Assert.That(message.InterfaceChangeId, Is.EqualTo(change.Id));
        Assert.That(message.Subject, Is.EqualTo("behavioural http_api change published: Trailing-slash normalisation"));
        Assert.That(message.Body, Does.Contain("All routes accept both forms."));
        Assert.That(message.Body, Does.Contain("- /repos/"));
        Assert.That(message.Body, Does.Contain("Planned for: 2026-12-01"));
        Assert.That(message.Body, Does.Contain("Origin repo: repo-registry"));
        Assert.That(message.IsRead, Is.False);
    }

    [Test]
    public void NoticeTo_PublishedWithoutPathsOrDate_SaysSo()
    {
        var change = InterfaceChange.Draft(Guid.NewGuid(), "T", null, ChangeType.Additive, InterfaceType.McpTool, ["a"], [], null);
        change.Publish(Now);

        var message = InterfaceChangeNotices.NoticeTo(change, Guid.NewGuid(), "origin");

        Assert.That(message.Subject, Does.StartWith("additive mcp_tool change published"));
        Assert.That(message.Body, Does.Contain("No description given."));
        Assert.That(message.Body, Does.Contain("Affected paths: none listed"));
        Assert.That(message.Body, Does.Contain("Planned for: not scheduled"));
    }

    [Test]
    public void NoticeTo_Resolved_IsAResolutionNoticeWithTheNote()
    {
        var change = Draft();
        change.Publish(Now);
        change.Resolve("Consumers migrated in v2.", Now.AddDays(1));

        var message = InterfaceChangeNotices.NoticeTo(change, Guid.NewGuid(), "repo-registry");

        Assert.That(message.Kind, Is.EqualTo(InboxMessage.InterfaceChangeResolvedKind));
        Assert.That(message.Subject, Is.EqualTo("behavioural http_api change resolved: Trailing-slash normalisation"));
        Assert.That(message.Body, Does.StartWith("Resolution note: Consumers migrated in v2."));
    }

    [Test]
    public void EventOnOrigin_Published_SummarisesAndRecordsTheChange()
    {
        var change = Draft();
        change.Publish(Now);
        var originId = Guid.NewGuid();

        var logged = InterfaceChangeNotices.EventOnOrigin(change, originId, "repo-registry");

        Assert.That(logged.RepoId, Is.EqualTo(originId));
        Assert.That(logged.Kind, Is.EqualTo("interface_change_published"));
        Assert.That(logged.Summary, Is.EqualTo("Published behavioural http_api change 'Trailing-slash normalisation' (affects repo-registry)"));
        using var data = JsonDocument.Parse(logged.Data);
        Assert.That(data.RootElement.GetProperty("interface_change_id").GetGuid(), Is.EqualTo(change.Id));
        Assert.That(data.RootElement.GetProperty("status").GetString(), Is.EqualTo("published"));
        Assert.That(data.RootElement.GetProperty("planned_for").GetString(), Is.EqualTo("2026-12-01"));
        Assert.That(data.RootElement.GetProperty("published_at").GetDateTimeOffset(), Is.EqualTo(Now));
        Assert.That(data.RootElement.TryGetProperty("resolution_note", out _), Is.False);
    }

    [Test]
    public void EventOnOrigin_Resolved_RecordsTheResolution()
    {
        var change = Draft();
        change.Publish(Now);
        change.Resolve("done", Now.AddDays(1));

        var logged = InterfaceChangeNotices.EventOnOrigin(change, Guid.NewGuid(), "repo-registry");

        Assert.That(logged.Kind, Is.EqualTo("interface_change_resolved"));
        Assert.That(logged.Summary, Does.StartWith("Resolved behavioural http_api change"));
        using var data = JsonDocument.Parse(logged.Data);
        Assert.That(data.RootElement.GetProperty("resolution_note").GetString(), Is.EqualTo("done"));
        Assert.That(data.RootElement.GetProperty("resolved_at").GetDateTimeOffset(), Is.EqualTo(Now.AddDays(1)));
    }

    [Test]
    public void EventOnOrigin_Draft_Throws() =>
        Assert.Throws<InvalidOperationException>(() => InterfaceChangeNotices.EventOnOrigin(Draft(), Guid.NewGuid(), "origin"));
}
