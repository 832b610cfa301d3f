using Moq;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Exceptions;
using StateHub.Application.UnitTests.Common;
using StateHub.Application.Workstreams.Commands.CreateWorkstream;
using StateHub.Domain.Domains;
using StateHub.Domain.Repos;
using StateHub.Domain.Work;

namespace StateHub.Application.UnitTests.Work;

public sealed class CreateWorkstreamCommandHandlerTests
{
    private readonly Mock<IRepoRepository> _repos = new();
    private readonly Mock<IWorkstreamRepository> _workstreams = new();
    private readonly ManagedRepo _repo = ManagedRepo.Register(RepoDomain.Create("platform", "Platform", null), "app", "App");

    private CreateWorkstreamCommandHandler Handler => new(_repos.Object, _workstreams.Object, TestMapper.Create());

    private static CreateWorkstreamCommand Command => new() { RepoSlug = "app", Key = " WP-1 ", Title = "One", SourcePath = "workplans/wp-1.md" };

    [SetUp]
    public void KnowTheRepo() =>
        _repos.Setup(r => r.GetBySlugAsync("app", It.IsAny<CancellationToken>())).ReturnsAsync(_repo);

    [Test]
    public async Task Handle_NewKey_AddsActiveWorkstreamSavesAndReturnsDtoWithRepoSlug()
    {
        var dto = await Handler.Handle(Command, CancellationToken.None).Run();

        Assert.That(dto.RepoSlug, Is.EqualTo("app"));
        Assert.That(dto.RepoId, Is.EqualTo(_repo.Id));
        Assert.That(dto.Key, Is.EqualTo("WP-1"));
        Assert.That(dto.Status, Is.EqualTo(WorkstreamStatus.Active));
        Assert.That(dto.SourcePath, Is.EqualTo("workplans/wp-1.md"));
        _workstreams.Verify(w => w.KeyExistsAsync(_repo.Id, "WP-1", null, It.IsAny<CancellationToken>()), Times.Once);
        _workstreams.Verify(w => w.Add(It.Is<Workstream>(x => x.Key == "WP-1" && x.RepoId == _repo.Id)), Times.Once);
    }

    [Test]
    public void Handle_UnknownRepo_ThrowsNotFound()
    {
        var ex = Assert.ThrowsAsync<NotFoundException>(() => Handler.Handle(Command with { RepoSlug = "nope" }, CancellationToken.None).Run());

        Assert.That(ex!.Message, Is.EqualTo("Repo 'nope' not found"));
        _workstreams.Verify(w => w.Add(It.IsAny<Workstream>()), Times.Never);
    }

    [Test]
    public void Handle_KeyTaken_ThrowsConflictWithoutAdding()
    {
        _workstreams.Setup(w => w.KeyExistsAsync(_repo.Id, "WP-1", null, It.IsAny<CancellationToken>())).ReturnsAsync(true);

        var ex = Assert.ThrowsAsync<ConflictException>(() => Handler.Handle(Command, CancellationToken.None).Run());

        Assert.That(ex!.Message, Is.EqualTo("Repo 'app' already has a workstream with key 'WP-1'"));
        _workstreams.Verify(w => w.Add(It.IsAny<Workstream>()), Times.Never);
    }
}
