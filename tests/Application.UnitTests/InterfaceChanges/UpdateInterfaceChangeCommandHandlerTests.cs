using Moq;
using StateHub.Application.Common.Exceptions;
using StateHub.Application.InterfaceChanges.Commands.UpdateInterfaceChange;
using StateHub.Application.UnitTests.Common;
using StateHub.Domain.Common;
using StateHub.Domain.InterfaceChanges;

namespace StateHub.Application.UnitTests.InterfaceChanges;

public sealed class UpdateInterfaceChangeCommandHandlerTests : InterfaceChangeHandlerFixture
{
    private UpdateInterfaceChangeCommandHandler Handler => new(Changes.Object, Repos.Object, UnitOfWork.Object, TestMapper.Create());

    [Test]
    public async Task Handle_TitleOnly_ChangesTitleAndNothingElse()
    {
        var change = KnownDraft();

        var dto = await Handler.Handle(new UpdateInterfaceChangeCommand { Id = change.Id, Title = "Renamed" }, CancellationToken.None).Run();

        Assert.That(dto.Title, Is.EqualTo("Renamed"));
        Assert.That(dto.Description, Is.EqualTo("Both forms work."));
        Assert.That(dto.ChangeType, Is.EqualTo(ChangeType.Breaking));
        Assert.That(dto.AffectedRepoSlugs, Is.EqualTo(new[] { ConsumerA.Slug, ConsumerB.Slug }));
        Assert.That(dto.PlannedFor, Is.EqualTo(new DateOnly(2026, 12, 1)));
        Assert.That(dto.OriginRepoSlug, Is.EqualTo(Origin.Slug));
        Repos.Verify(r => r.GetBySlugsAsync(It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task Handle_ExplicitNulls_ClearDescriptionAndPlannedDate()
    {
        var change = KnownDraft();

        var dto = await Handler.Handle(new UpdateInterfaceChangeCommand { Id = change.Id, Description = null, PlannedFor = null }, CancellationToken.None).Run();

        Assert.That(dto.Description, Is.Null);
        Assert.That(dto.PlannedFor, Is.Null);
        Assert.That(dto.Title, Is.EqualTo("Trailing-slash normalisation"));
    }

    [Test]
    public void Handle_UnknownAffectedRepo_ThrowsNotFoundWithoutSaving()
    {
        var change = KnownDraft();

        var ex = Assert.ThrowsAsync<NotFoundException>(() => Handler.Handle(
            new UpdateInterfaceChangeCommand { Id = change.Id, AffectedRepoSlugs = [ConsumerA.Slug, "ghost"] }, CancellationToken.None).Run());

        Assert.That(ex!.Message, Does.Contain("'ghost'"));
    }

    [Test]
    public void Handle_Published_ThrowsInvalidTransitionWithoutSaving()
    {
        var change = KnownDraft();
        change.Publish(Now);

        Assert.ThrowsAsync<InvalidTransitionException>(() =>
            Handler.Handle(new UpdateInterfaceChangeCommand { Id = change.Id, Title = "Too late" }, CancellationToken.None).Run());

        Assert.That(change.Title, Is.EqualTo("Trailing-slash normalisation"));
    }

    [Test]
    public void Handle_Unknown_ThrowsNotFound()
    {
        var id = Guid.NewGuid();

        var ex = Assert.ThrowsAsync<NotFoundException>(() => Handler.Handle(new UpdateInterfaceChangeCommand { Id = id, Title = "x" }, CancellationToken.None).Run());

        Assert.That(ex!.Message, Is.EqualTo($"Interface change '{id}' not found"));
    }
}
