using System.Text.Json;
using StateHub.Domain.Common;
using StateHub.Domain.Inbox;
using StateHub.Domain.InterfaceChanges;

namespace StateHub.Domain.UnitTests.InterfaceChanges;

public sealed class InterfaceChangeTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private static InterfaceChange Draft() => InterfaceChange.Draft(
        Guid.NewGuid(), "Trailing-slash normalisation", "All routes accept both forms.",
        ChangeType.Behavioural, InterfaceType.HttpApi, ["repo-registry", "repo-registry"], ["/repos/"], new DateOnly(2026, 12, 1));

    [Test]
    public void Draft_DeduplicatesAffectedRepos()
    {
        Assert.That(Draft().AffectedRepoSlugs, Is.EqualTo(new[] { "repo-registry" }));
    }

    [Test]
    public void Publish_Draft_SetsPublishedAt()
    {
        var change = Draft();

        change.Publish(Now);

        Assert.That(change.Status, Is.EqualTo(InterfaceChangeStatus.Published));
        Assert.That(change.PublishedAt, Is.EqualTo(Now));
    }

    [Test]
    public void Publish_Twice_Throws()
    {
        var change = Draft();
        change.Publish(Now);

        Assert.Throws<InvalidTransitionException>(() => change.Publish(Now.AddMinutes(1)));
        Assert.That(change.PublishedAt, Is.EqualTo(Now));
    }

    [Test]
    public void Resolve_Draft_Throws() =>
        Assert.Throws<InvalidTransitionException>(() => Draft().Resolve("done", Now));

    [Test]
    public void Resolve_Published_SetsNoteAndTime()
    {
        var change = Draft();
        change.Publish(Now);

        change.Resolve("All consumers migrated.", Now.AddDays(1));

        Assert.That(change.Status, Is.EqualTo(InterfaceChangeStatus.Resolved));
        Assert.That(change.ResolutionNote, Is.EqualTo("All consumers migrated."));
        Assert.That(change.ResolvedAt, Is.EqualTo(Now.AddDays(1)));
    }

    [Test]
    public void Edit_AfterPublish_Throws()
    {
        var change = Draft();
        change.Publish(Now);

        Assert.Throws<InvalidTransitionException>(() =>
            change.Edit("New title", null, ChangeType.Breaking, InterfaceType.Cli, [], [], null));
    }

    [Test]
    public void Draft_InvalidAffectedSlug_Throws() =>
        Assert.Throws<DomainValidationException>(() => InterfaceChange.Draft(
            Guid.NewGuid(), "T", null, ChangeType.Additive, InterfaceType.Cli, ["Not A Slug"], [], null));

    [Test]
    public void Resolve_Resolved_ThrowsAndKeepsTheFirstResolution()
    {
        var change = Draft();
        change.Publish(Now);
        change.Resolve("first", Now.AddDays(1));

        Assert.Throws<InvalidTransitionException>(() => change.Resolve("second", Now.AddDays(2)));
        Assert.That(change.ResolutionNote, Is.EqualTo("first"));
        Assert.That(change.ResolvedAt, Is.EqualTo(Now.AddDays(1)));
    }

    [Test]
    public void Publish_Resolved_Throws()
    {
        var change = Draft();
        change.Publish(Now);
        change.Resolve(null, Now);

        Assert.Throws<InvalidTransitionException>(() => change.Publish(Now));
        Assert.That(change.Status, Is.EqualTo(InterfaceChangeStatus.Resolved));
    }

    [Test]
    public void Edit_Draft_ReplacesEveryField()
    {
        var change = Draft();

        change.Edit("New title", null, ChangeType.Removal, InterfaceType.Schema, ["a", "b"], ["schema.sql"], null);

        Assert.That(change.Title, Is.EqualTo("New title"));
        Assert.That(change.Description, Is.Null);
        Assert.That(change.ChangeType, Is.EqualTo(ChangeType.Removal));
        Assert.That(change.InterfaceType, Is.EqualTo(InterfaceType.Schema));
        Assert.That(change.AffectedRepoSlugs, Is.EqualTo(new[] { "a", "b" }));
        Assert.That(change.AffectedPaths, Is.EqualTo(new[] { "schema.sql" }));
        Assert.That(change.PlannedFor, Is.Null);
    }

    [Test]
    public void Edit_AfterResolve_Throws()
    {
        var change = Draft();
        change.Publish(Now);
        change.Resolve(null, Now);

        var ex = Assert.Throws<InvalidTransitionException>(() =>
            change.Edit("New title", null, ChangeType.Breaking, InterfaceType.Cli, [], [], null));
        Assert.That(ex!.Message, Does.Contain("resolved"));
    }

    [Test]
    public void NoticeTo_Draft_Throws() =>
        Assert.Throws<InvalidOperationException>(() => Draft().NoticeTo(Guid.NewGuid(), "origin"));

    [Test]
    public void NoticeTo_Published_NamesTypesAndTitleAndCarriesTheDetails()
    {
        var change = Draft();
        change.Publish(Now);
        var repoId = Guid.NewGuid();

        var message = change.NoticeTo(repoId, "repo-registry");

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

        var message = change.NoticeTo(Guid.NewGuid(), "origin");

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

        var message = change.NoticeTo(Guid.NewGuid(), "repo-registry");

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

        var logged = change.EventOnOrigin(originId, "repo-registry");

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

        var logged = change.EventOnOrigin(Guid.NewGuid(), "repo-registry");

        Assert.That(logged.Kind, Is.EqualTo("interface_change_resolved"));
        Assert.That(logged.Summary, Does.StartWith("Resolved behavioural http_api change"));
        using var data = JsonDocument.Parse(logged.Data);
        Assert.That(data.RootElement.GetProperty("resolution_note").GetString(), Is.EqualTo("done"));
        Assert.That(data.RootElement.GetProperty("resolved_at").GetDateTimeOffset(), Is.EqualTo(Now.AddDays(1)));
    }

    [Test]
    public void EventOnOrigin_Draft_Throws() =>
        Assert.Throws<InvalidOperationException>(() => Draft().EventOnOrigin(Guid.NewGuid(), "origin"));
}
