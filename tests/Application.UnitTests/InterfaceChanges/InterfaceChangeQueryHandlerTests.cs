using Moq;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Exceptions;
using StateHub.Application.InterfaceChanges;
using StateHub.Application.InterfaceChanges.Queries.GetInterfaceChange;
using StateHub.Application.InterfaceChanges.Queries.ListInterfaceChanges;
using StateHub.Application.UnitTests.Common;
using StateHub.Domain.InterfaceChanges;

namespace StateHub.Application.UnitTests.InterfaceChanges;

public sealed class InterfaceChangeQueryHandlerTests : InterfaceChangeHandlerFixture
{
    private ListInterfaceChangesQueryHandler Lister => new(Repos.Object, Changes.Object, TestMapper.Create());

    [Test]
    public async Task List_AllFilters_PassesOriginIdStatusAndAffectedSlugAndMapsOriginSlugs()
    {
        var change = KnownDraft();
        InterfaceChangeFilter? used = null;
        Changes.Setup(c => c.ListAsync(It.IsAny<InterfaceChangeFilter>(), It.IsAny<CancellationToken>()))
            .Callback<InterfaceChangeFilter, CancellationToken>((f, _) => used = f)
            .ReturnsAsync([new InterfaceChangeWithOrigin(change, Origin.Slug)]);

        var result = await Lister.Handle(new ListInterfaceChangesQuery(InterfaceChangeStatus.Draft, Origin.Slug, ConsumerA.Slug), CancellationToken.None);

        Assert.That(used, Is.EqualTo(new InterfaceChangeFilter(InterfaceChangeStatus.Draft, Origin.Id, ConsumerA.Slug) { Limit = 101 }), "the default page of 100, and one more to know whether another follows");
        Assert.That(result.Single().Id, Is.EqualTo(change.Id));
        Assert.That(result.Single().OriginRepoSlug, Is.EqualTo(Origin.Slug));
    }

    [Test]
    public async Task List_NoFilters_PassesAnEmptyFilterAndLooksUpNoRepo()
    {
        Changes.Setup(c => c.ListAsync(new InterfaceChangeFilter { Limit = 101 }, It.IsAny<CancellationToken>())).ReturnsAsync([]);

        var result = await Lister.Handle(new ListInterfaceChangesQuery(null, null, null), CancellationToken.None);

        Assert.That(result, Is.Empty);
        Repos.Verify(r => r.GetBySlugAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        Repos.Verify(r => r.GetIdBySlugAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [TestCase("ghost", null)]
    [TestCase(null, "ghost")]
    public void List_UnknownRepoFilter_ThrowsNotFound(string? origin, string? affected)
    {
        var ex = Assert.ThrowsAsync<NotFoundException>(() => Lister.Handle(new ListInterfaceChangesQuery(null, origin, affected), CancellationToken.None));

        Assert.That(ex!.Message, Is.EqualTo("Repo 'ghost' not found"));
        Changes.Verify(c => c.ListAsync(It.IsAny<InterfaceChangeFilter>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task Get_Known_ReturnsTheReadModel_UnknownThrowsNotFound()
    {
        var dto = new InterfaceChangeDto { Id = Guid.NewGuid(), Title = "Known", OriginRepoSlug = Origin.Slug };
        var reads = new Mock<IInterfaceChangeReads>();
        reads.Setup(r => r.GetAsync(dto.Id, It.IsAny<CancellationToken>())).ReturnsAsync(dto);
        var handler = new GetInterfaceChangeQueryHandler(reads.Object);

        Assert.That(await handler.Handle(new GetInterfaceChangeQuery(dto.Id), CancellationToken.None), Is.SameAs(dto));
        var ex = Assert.ThrowsAsync<NotFoundException>(() => handler.Handle(new GetInterfaceChangeQuery(Guid.Empty), CancellationToken.None));
        Assert.That(ex!.Message, Does.Contain(Guid.Empty.ToString()));
    }
}
