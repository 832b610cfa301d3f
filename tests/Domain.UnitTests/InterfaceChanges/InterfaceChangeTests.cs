using StateHub.Domain.Common;
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
    public void Publish_Draft_RaisesPublished()
    {
        var change = Draft();

        change.Publish(Now);

        Assert.That(change.TakeDomainEvents(), Is.EqualTo(new object[] { new InterfaceChangePublished(change) }));
        Assert.That(change.TakeDomainEvents(), Is.Empty);
    }

    [Test]
    public void Resolve_Published_RaisesResolved()
    {
        var change = Draft();
        change.Publish(Now);
        change.TakeDomainEvents();

        change.Resolve(null, Now);

        Assert.That(change.TakeDomainEvents(), Is.EqualTo(new object[] { new InterfaceChangeResolved(change) }));
    }
}
