using Moq;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Exceptions;
using StateHub.Application.Inbox.Commands.MarkInboxMessageRead;
using StateHub.Application.Inbox.Queries.ListInbox;
using StateHub.Application.UnitTests.Common;
using StateHub.Domain.Domains;
using StateHub.Domain.Inbox;
using StateHub.Domain.Repos;

namespace StateHub.Application.UnitTests.Inbox;

public sealed class InboxHandlerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly Mock<IInboxRepository> _inbox = new();
    private readonly Mock<IRepoRepository> _repos = new();
    private readonly Mock<TimeProvider> _clock = new();
    private readonly ManagedRepo _repo = ManagedRepo.Register(RepoDomain.Create("platform", "Platform", null), "consumer", "Consumer");
    private readonly InboxMessage _message;

    public InboxHandlerTests()
    {
        _message = InboxMessage.Create(_repo.Id, InboxMessage.InterfaceChangePublishedKind, "subject", "body", Guid.NewGuid());
        _clock.Setup(c => c.GetUtcNow()).Returns(Now);
        _repos.Setup(r => r.GetBySlugAsync(_repo.Slug, It.IsAny<CancellationToken>())).ReturnsAsync(_repo);
        _repos.Setup(r => r.GetIdBySlugAsync(_repo.Slug, It.IsAny<CancellationToken>())).ReturnsAsync(_repo.Id);
        _repos.Setup(r => r.GetByIdAsync(_repo.Id, It.IsAny<CancellationToken>())).ReturnsAsync(_repo);
        _inbox.Setup(i => i.GetForUpdateAsync(_message.Id, It.IsAny<CancellationToken>())).ReturnsAsync(_message);
    }

    private MarkInboxMessageReadCommandHandler MarkRead => new(_inbox.Object, _repos.Object, _clock.Object, TestMapper.Create());

    [Test]
    public async Task MarkRead_Unread_StampsNowSavesAndReturnsTheMessageWithItsRecipient()
    {
        var dto = await MarkRead.Handle(new MarkInboxMessageReadCommand(_message.Id), CancellationToken.None).Run();

        Assert.That(dto.ReadAt, Is.EqualTo(Now));
        Assert.That(dto.RepoSlug, Is.EqualTo(_repo.Slug));
        Assert.That(dto.InterfaceChangeId, Is.EqualTo(_message.InterfaceChangeId));
    }

    [Test]
    public async Task MarkRead_AlreadyRead_KeepsTheFirstReadTime()
    {
        _message.MarkRead(Now.AddHours(-1));

        var dto = await MarkRead.Handle(new MarkInboxMessageReadCommand(_message.Id), CancellationToken.None).Run();

        Assert.That(dto.ReadAt, Is.EqualTo(Now.AddHours(-1)));
    }

    [Test]
    public void MarkRead_Unknown_ThrowsNotFound()
    {
        var id = Guid.NewGuid();

        var ex = Assert.ThrowsAsync<NotFoundException>(() => MarkRead.Handle(new MarkInboxMessageReadCommand(id), CancellationToken.None).Run());

        Assert.That(ex!.Message, Is.EqualTo($"Inbox message '{id}' not found"));
    }

    [TestCase(true)]
    [TestCase(false)]
    [TestCase(null)]
    public async Task List_KnownRepo_PassesTheUnreadFilterAndFillsTheRecipientSlug(bool? unread)
    {
        _inbox.Setup(i => i.ListAsync(_repo.Id, unread, It.IsAny<CancellationToken>())).ReturnsAsync([_message]);
        var handler = new ListInboxQueryHandler(_repos.Object, _inbox.Object, TestMapper.Create());

        var result = await handler.Handle(new ListInboxQuery(_repo.Slug, unread), CancellationToken.None);

        Assert.That(result.Single().Id, Is.EqualTo(_message.Id));
        Assert.That(result.Single().RepoSlug, Is.EqualTo(_repo.Slug));
    }

    [Test]
    public void List_UnknownRepo_ThrowsNotFound()
    {
        var handler = new ListInboxQueryHandler(_repos.Object, _inbox.Object, TestMapper.Create());

        var ex = Assert.ThrowsAsync<NotFoundException>(() => handler.Handle(new ListInboxQuery("ghost", null), CancellationToken.None));

        Assert.That(ex!.Message, Is.EqualTo("Repo 'ghost' not found"));
    }
}
