using Moq;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Exceptions;
using StateHub.Application.Repos.Commands.RegisterRepo;
using StateHub.Application.UnitTests.Common;
using StateHub.Domain.Domains;
using StateHub.Domain.Repos;

namespace StateHub.Application.UnitTests.Repos;

public sealed class RegisterRepoCommandHandlerTests
{
    private readonly Mock<IDomainRepository> _domains = new();
    private readonly Mock<IRepoRepository> _repos = new();

    private RegisterRepoCommandHandler Handler => new(_domains.Object, _repos.Object, TestMapper.Create());

    private static RegisterRepoCommand Command => new() { DomainSlug = "platform", Slug = "a", Name = "A", RemoteUrl = "https://example.com/a.git" };

    [Test]
    public async Task Handle_NewSlug_AddsRepoSavesAndReturnsDto()
    {
        _domains.Setup(d => d.GetBySlugAsync("platform", It.IsAny<CancellationToken>())).ReturnsAsync(RepoDomain.Create("platform", "Platform", null));

        var dto = await Handler.Handle(Command, CancellationToken.None).Run();

        Assert.That(dto.Slug, Is.EqualTo("a"));
        Assert.That(dto.DomainSlug, Is.EqualTo("platform"));
        Assert.That(dto.RemoteUrl, Is.EqualTo("https://example.com/a.git"));
        _repos.Verify(r => r.Add(It.Is<ManagedRepo>(m => m.Slug == "a")), Times.Once);
    }

    [Test]
    public void Handle_UnknownDomain_ThrowsNotFound()
    {
        var ex = Assert.ThrowsAsync<NotFoundException>(() => Handler.Handle(Command, CancellationToken.None).Run());

        Assert.That(ex!.Message, Is.EqualTo("Domain 'platform' not found"));
        _repos.Verify(r => r.Add(It.IsAny<ManagedRepo>()), Times.Never);
    }

    [Test]
    public void Handle_ExistingSlug_ThrowsConflictWithoutAdding()
    {
        _domains.Setup(d => d.GetBySlugAsync("platform", It.IsAny<CancellationToken>())).ReturnsAsync(RepoDomain.Create("platform", "Platform", null));
        _repos.Setup(r => r.SlugExistsAsync("a", It.IsAny<CancellationToken>())).ReturnsAsync(true);

        var ex = Assert.ThrowsAsync<ConflictException>(() => Handler.Handle(Command, CancellationToken.None).Run());

        Assert.That(ex!.Message, Is.EqualTo("Repo slug 'a' already exists"));
        _repos.Verify(r => r.Add(It.IsAny<ManagedRepo>()), Times.Never);
    }
}
