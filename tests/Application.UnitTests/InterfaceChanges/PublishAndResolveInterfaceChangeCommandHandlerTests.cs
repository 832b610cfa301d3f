using Moq;
using StateHub.Application.Common.Exceptions;
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
    private readonly List<string> _webhookEvents = [];

    public PublishAndResolveInterfaceChangeCommandHandlerTests()
    {
        Inbox.Setup(i => i.Add(It.IsAny<InboxMessage>())).Callback<InboxMessage>(_messages.Add);
        Events.Setup(e => e.Add(It.IsAny<ProgressEvent>())).Callback<ProgressEvent>(_events.Add);
        Outbox.Setup(o => o.Enqueue(It.IsAny<string>(), It.IsAny<DateTimeOffset>(), It.IsAny<object>(), It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<IReadOnlyCollection<string>>()))
            .Callback<string, DateTimeOffset, object, IReadOnlyCollection<string>, IReadOnlyCollection<string>>((type, _, _, _, _) => _webhookEvents.Add(type));
    }

    private PublishInterfaceChangeCommandHandler Publisher =>
        new(Changes.Object, Repos.Object, Inbox.Object, Events.Object, Outbox.Object, UnitOfWork.Object, Clock.Object, TestMapper.Create());

    private ResolveInterfaceChangeCommandHandler Resolver =>
        new(Changes.Object, Repos.Object, Inbox.Object, Events.Object, Outbox.Object, UnitOfWork.Object, Clock.Object, TestMapper.Create());

    [Test]
    public async Task Publish_Draft_QueuesOneInboxEventPerAffectedRepoAndThePublishedEvent()
    {
        var change = KnownDraft();

        await Publisher.Handle(new PublishInterfaceChangeCommand(change.Id), CancellationToken.None);

        Assert.That(_webhookEvents, Is.EqualTo(new[] { "inbox.message_created", "inbox.message_created", "interface_change.published" }));
    }

    [Test]
    public async Task Publish_Draft_NotifiesEachAffectedRepoOnceLogsOnOriginAndSaves()
    {
        var change = KnownDraft();

        var dto = await Publisher.Handle(new PublishInterfaceChangeCommand(change.Id), CancellationToken.None);

        Assert.That(dto.Status, Is.EqualTo(InterfaceChangeStatus.Published));
        Assert.That(dto.PublishedAt, Is.EqualTo(Now));
        Assert.That(dto.OriginRepoSlug, Is.EqualTo(Origin.Slug));
        Assert.That(_messages.Select(m => m.RepoId), Is.EqualTo(new[] { ConsumerA.Id, ConsumerB.Id }));
        Assert.That(_messages.Select(m => m.Kind), Is.All.EqualTo(InboxMessage.InterfaceChangePublishedKind));
        Assert.That(_messages.Select(m => m.InterfaceChangeId), Is.All.EqualTo(change.Id));
        Assert.That(_events, Has.Count.EqualTo(1));
        Assert.That(_events[0].RepoId, Is.EqualTo(Origin.Id));
        Assert.That(_events[0].Kind, Is.EqualTo("interface_change_published"));
        UnitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public void Publish_AlreadyPublished_ThrowsInvalidTransitionAndNotifiesNobody()
    {
        var change = KnownDraft();
        change.Publish(Now.AddDays(-1));

        Assert.ThrowsAsync<InvalidTransitionException>(() => Publisher.Handle(new PublishInterfaceChangeCommand(change.Id), CancellationToken.None));

        Assert.That(_messages, Is.Empty);
        Assert.That(_events, Is.Empty);
        Assert.That(change.PublishedAt, Is.EqualTo(Now.AddDays(-1)));
        UnitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public void Publish_Unknown_ThrowsNotFound()
    {
        Assert.ThrowsAsync<NotFoundException>(() => Publisher.Handle(new PublishInterfaceChangeCommand(Guid.NewGuid()), CancellationToken.None));

        Assert.That(_messages, Is.Empty);
    }

    [Test]
    public void Publish_AffectedRepoNoLongerRegistered_ThrowsNotFoundAndNotifiesNobody()
    {
        var change = KnownDraft(ConsumerA.Slug, "vanished");

        var ex = Assert.ThrowsAsync<NotFoundException>(() => Publisher.Handle(new PublishInterfaceChangeCommand(change.Id), CancellationToken.None));

        Assert.That(ex!.Message, Does.Contain("'vanished'"));
        Assert.That(_messages, Is.Empty);
        UnitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task Resolve_Published_RecordsNoteNotifiesAgainAndLogsOnOrigin()
    {
        var change = KnownDraft();
        change.Publish(Now.AddDays(-2));

        var dto = await Resolver.Handle(new ResolveInterfaceChangeCommand { Id = change.Id, ResolutionNote = "Migrated." }, CancellationToken.None);

        Assert.That(dto.Status, Is.EqualTo(InterfaceChangeStatus.Resolved));
        Assert.That(dto.ResolvedAt, Is.EqualTo(Now));
        Assert.That(dto.ResolutionNote, Is.EqualTo("Migrated."));
        Assert.That(_messages.Select(m => m.RepoId), Is.EqualTo(new[] { ConsumerA.Id, ConsumerB.Id }));
        Assert.That(_messages.Select(m => m.Kind), Is.All.EqualTo(InboxMessage.InterfaceChangeResolvedKind));
        Assert.That(_events.Single().Kind, Is.EqualTo("interface_change_resolved"));
        Assert.That(_events.Single().RepoId, Is.EqualTo(Origin.Id));
        UnitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public void Resolve_Draft_ThrowsInvalidTransitionAndNotifiesNobody()
    {
        var change = KnownDraft();

        Assert.ThrowsAsync<InvalidTransitionException>(() =>
            Resolver.Handle(new ResolveInterfaceChangeCommand { Id = change.Id }, CancellationToken.None));

        Assert.That(_messages, Is.Empty);
        Assert.That(_events, Is.Empty);
    }

    [Test]
    public void Resolve_Unknown_ThrowsNotFound() =>
        Assert.ThrowsAsync<NotFoundException>(() =>
            Resolver.Handle(new ResolveInterfaceChangeCommand { Id = Guid.NewGuid() }, CancellationToken.None));
}
