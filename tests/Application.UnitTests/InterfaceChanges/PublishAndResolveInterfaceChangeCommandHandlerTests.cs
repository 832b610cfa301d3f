using Moq;
using StateHub.Application.Common.Exceptions;
using StateHub.Application.InterfaceChanges;
using StateHub.Application.InterfaceChanges.EventHandlers;
using StateHub.Application.InterfaceChanges.Commands.PublishInterfaceChange;
using StateHub.Application.InterfaceChanges.Commands.ResolveInterfaceChange;
using StateHub.Application.UnitTests.Common;
using StateHub.Domain.Common;
using StateHub.Domain.Events;
using StateHub.Domain.Inbox;
using StateHub.Domain.InterfaceChanges;

namespace StateHub.Application.UnitTests.InterfaceChanges;

public sealed class PublishAndResolveInterfaceChangeCommandHandlerTests : InterfaceChangeHandlerFixture
{
    private readonly List<InboxMessage> _messages = [];
    private readonly List<ProgressEvent> _events = [];

    public PublishAndResolveInterfaceChangeCommandHandlerTests()
    {
        Inbox.Setup(i => i.Add(It.IsAny<InboxMessage>())).Callback<InboxMessage>(_messages.Add);
        Events.Setup(e => e.Add(It.IsAny<ProgressEvent>())).Callback<ProgressEvent>(_events.Add);
    }

    private PublishInterfaceChangeCommandHandler Publisher =>
        new(Changes.Object, Repos.Object, UnitOfWork.Object, Clock.Object, TestMapper.Create());

    private ResolveInterfaceChangeCommandHandler Resolver =>
        new(Changes.Object, Repos.Object, UnitOfWork.Object, Clock.Object, TestMapper.Create());

    /// <summary>What the unit of work does on save: hands the change's domain events to their handler, then the answer is built.</summary>
    private async Task<InterfaceChangeDto> SavedAsync(Task<Func<InterfaceChangeDto>> handled, InterfaceChange change)
    {
        var respond = await handled;
        var announce = new AnnounceInterfaceChange(Repos.Object, Inbox.Object, Events.Object);
        foreach (var domainEvent in change.TakeDomainEvents())
        {
            if (domainEvent is InterfaceChangePublished published)
                await announce.Handle(published, CancellationToken.None);
            else if (domainEvent is InterfaceChangeResolved resolved)
                await announce.Handle(resolved, CancellationToken.None);
        }

        return respond();
    }

    [Test]
    public async Task Publish_Draft_NotifiesEachAffectedRepoOnceLogsOnOriginAndSaves()
    {
        var change = KnownDraft();

        var dto = await SavedAsync(Publisher.Handle(new PublishInterfaceChangeCommand(change.Id), CancellationToken.None), change);

        Assert.That(dto.Status, Is.EqualTo(InterfaceChangeStatus.Published));
        Assert.That(dto.PublishedAt, Is.EqualTo(Now));
        Assert.That(dto.OriginRepoSlug, Is.EqualTo(Origin.Slug));
        Assert.That(_messages.Select(m => m.RepoId), Is.EqualTo(new[] { ConsumerA.Id, ConsumerB.Id }));
        Assert.That(_messages.Select(m => m.Kind), Is.All.EqualTo(InboxMessage.InterfaceChangePublishedKind));
        Assert.That(_messages.Select(m => m.InterfaceChangeId), Is.All.EqualTo(change.Id));
        Assert.That(_events, Has.Count.EqualTo(1));
        Assert.That(_events[0].RepoId, Is.EqualTo(Origin.Id));
        Assert.That(_events[0].Kind, Is.EqualTo("interface_change_published"));
    }

    [Test]
    public void Publish_AlreadyPublished_ThrowsInvalidTransitionAndNotifiesNobody()
    {
        var change = KnownDraft();
        change.Publish(Now.AddDays(-1));
        change.TakeDomainEvents();

        Assert.ThrowsAsync<InvalidTransitionException>(() => Publisher.Handle(new PublishInterfaceChangeCommand(change.Id), CancellationToken.None).Run());

        Assert.That(_messages, Is.Empty);
        Assert.That(_events, Is.Empty);
        Assert.That(change.PublishedAt, Is.EqualTo(Now.AddDays(-1)));
    }

    [Test]
    public void Publish_Unknown_ThrowsNotFound()
    {
        Assert.ThrowsAsync<NotFoundException>(() => Publisher.Handle(new PublishInterfaceChangeCommand(Guid.NewGuid()), CancellationToken.None).Run());

        Assert.That(_messages, Is.Empty);
    }

    [Test]
    public void Publish_AffectedRepoNoLongerRegistered_ThrowsNotFoundAndNotifiesNobody()
    {
        var change = KnownDraft(ConsumerA.Slug, "vanished");

        var ex = Assert.ThrowsAsync<NotFoundException>(() => SavedAsync(Publisher.Handle(new PublishInterfaceChangeCommand(change.Id), CancellationToken.None), change));

        Assert.That(ex!.Message, Does.Contain("'vanished'"));
        Assert.That(_messages, Is.Empty);
    }

    [Test]
    public async Task Resolve_Published_RecordsNoteNotifiesAgainAndLogsOnOrigin()
    {
        var change = KnownDraft();
        change.Publish(Now.AddDays(-2));
        change.TakeDomainEvents();

        var dto = await SavedAsync(Resolver.Handle(new ResolveInterfaceChangeCommand { Id = change.Id, ResolutionNote = "Migrated." }, CancellationToken.None), change);

        Assert.That(dto.Status, Is.EqualTo(InterfaceChangeStatus.Resolved));
        Assert.That(dto.ResolvedAt, Is.EqualTo(Now));
        Assert.That(dto.ResolutionNote, Is.EqualTo("Migrated."));
        Assert.That(_messages.Select(m => m.RepoId), Is.EqualTo(new[] { ConsumerA.Id, ConsumerB.Id }));
        Assert.That(_messages.Select(m => m.Kind), Is.All.EqualTo(InboxMessage.InterfaceChangeResolvedKind));
        Assert.That(_events.Single().Kind, Is.EqualTo("interface_change_resolved"));
        Assert.That(_events.Single().RepoId, Is.EqualTo(Origin.Id));
    }

    [Test]
    public void Resolve_Draft_ThrowsInvalidTransitionAndNotifiesNobody()
    {
        var change = KnownDraft();

        Assert.ThrowsAsync<InvalidTransitionException>(() =>
            Resolver.Handle(new ResolveInterfaceChangeCommand { Id = change.Id }, CancellationToken.None).Run());

        Assert.That(_messages, Is.Empty);
        Assert.That(_events, Is.Empty);
    }

    [Test]
    public void Resolve_Unknown_ThrowsNotFound() =>
        Assert.ThrowsAsync<NotFoundException>(() =>
            Resolver.Handle(new ResolveInterfaceChangeCommand { Id = Guid.NewGuid() }, CancellationToken.None).Run());
}
