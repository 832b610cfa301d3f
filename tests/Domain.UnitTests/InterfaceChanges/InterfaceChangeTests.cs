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
}
