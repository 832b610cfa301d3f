using Moq;
using StateHub.Application.Common.Exceptions;
using StateHub.Application.InterfaceChanges.Commands.RegisterInterfaceChange;
using StateHub.Application.UnitTests.Common;
using StateHub.Domain.InterfaceChanges;

namespace StateHub.Application.UnitTests.InterfaceChanges;

public sealed class RegisterInterfaceChangeCommandHandlerTests : InterfaceChangeHandlerFixture
{
    private RegisterInterfaceChangeCommandHandler Handler => new(Repos.Object, Changes.Object, TestMapper.Create());

    private RegisterInterfaceChangeCommand Command(params string[] affected) => new()
    {
        OriginRepoSlug = Origin.Slug,
        Title = "Trailing-slash normalisation",
        ChangeType = ChangeType.Breaking,
        InterfaceType = InterfaceType.HttpApi,
        AffectedRepoSlugs = affected,
        AffectedPaths = ["/repos/"],
        PlannedFor = new DateOnly(2026, 12, 1),
    };

    [Test]
    public async Task Handle_KnownRepos_AddsDraftSavesAndReturnsDtoWithOriginSlug()
    {
        var dto = await Handler.Handle(Command(ConsumerA.Slug, ConsumerB.Slug), CancellationToken.None).Run();

        Assert.That(dto.OriginRepoSlug, Is.EqualTo(Origin.Slug));
        Assert.That(dto.OriginRepoId, Is.EqualTo(Origin.Id));
        Assert.That(dto.Status, Is.EqualTo(InterfaceChangeStatus.Draft));
        Assert.That(dto.AffectedRepoSlugs, Is.EqualTo(new[] { ConsumerA.Slug, ConsumerB.Slug }));
        Assert.That(dto.PlannedFor, Is.EqualTo(new DateOnly(2026, 12, 1)));
        Changes.Verify(c => c.Add(It.Is<InterfaceChange>(x => x.Id == dto.Id && x.OriginRepoId == Origin.Id)), Times.Once);
        Inbox.VerifyNoOtherCalls();
    }

    [Test]
    public void Handle_UnknownOrigin_ThrowsNotFoundWithoutAdding()
    {
        var ex = Assert.ThrowsAsync<NotFoundException>(() =>
            Handler.Handle(Command(ConsumerA.Slug) with { OriginRepoSlug = "ghost" }, CancellationToken.None).Run());

        Assert.That(ex!.Message, Is.EqualTo("Repo 'ghost' not found"));
        Changes.Verify(c => c.Add(It.IsAny<InterfaceChange>()), Times.Never);
    }

    [Test]
    public void Handle_UnknownAffectedRepos_ThrowsNotFoundNamingOnlyTheMissingOnes()
    {
        var ex = Assert.ThrowsAsync<NotFoundException>(() =>
            Handler.Handle(Command(ConsumerA.Slug, "ghost-1", "ghost-2"), CancellationToken.None).Run());

        var message = ex!.Message;
        Assert.That(message, Does.Contain("'ghost-1'").And.Contain("'ghost-2'").And.Not.Contain(ConsumerA.Slug));
        Changes.Verify(c => c.Add(It.IsAny<InterfaceChange>()), Times.Never);
    }

    [Test]
    public async Task Handle_NoAffectedRepos_DoesNotLookThemUp()
    {
        await Handler.Handle(Command(), CancellationToken.None).Run();

        Repos.Verify(r => r.GetBySlugsAsync(It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>()), Times.Never);
    }
}
