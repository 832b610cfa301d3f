using Moq;
using StateHub.Application.Common.Abstractions;
using StateHub.Domain.Domains;
using StateHub.Domain.InterfaceChanges;
using StateHub.Domain.Repos;

namespace StateHub.Application.UnitTests.InterfaceChanges;

/// <summary>Mocks shared by the interface-change handler tests: an origin and two registered consumers.</summary>
public abstract class InterfaceChangeHandlerFixture
{
    protected static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    protected readonly Mock<IRepoRepository> Repos = new();
    protected readonly Mock<IInterfaceChangeRepository> Changes = new();
    protected readonly Mock<IInboxRepository> Inbox = new();
    protected readonly Mock<IProgressEventRepository> Events = new();
    protected readonly Mock<IUnitOfWork> UnitOfWork = new();
    protected readonly Mock<TimeProvider> Clock = new();

    protected readonly ManagedRepo Origin;
    protected readonly ManagedRepo ConsumerA;
    protected readonly ManagedRepo ConsumerB;

    protected InterfaceChangeHandlerFixture()
    {
        var domain = RepoDomain.Create("platform", "Platform", null);
        Origin = ManagedRepo.Register(domain, "origin", "Origin");
        ConsumerA = ManagedRepo.Register(domain, "consumer-a", "Consumer A");
        ConsumerB = ManagedRepo.Register(domain, "consumer-b", "Consumer B");
        var all = new[] { Origin, ConsumerA, ConsumerB };

        Clock.Setup(c => c.GetUtcNow()).Returns(Now);
        foreach (var repo in all)
        {
            Repos.Setup(r => r.GetBySlugAsync(repo.Slug, It.IsAny<CancellationToken>())).ReturnsAsync(repo);
            Repos.Setup(r => r.GetIdBySlugAsync(repo.Slug, It.IsAny<CancellationToken>())).ReturnsAsync(repo.Id);
            Repos.Setup(r => r.GetByIdAsync(repo.Id, It.IsAny<CancellationToken>())).ReturnsAsync(repo);
            Repos.Setup(r => r.SlugExistsAsync(repo.Slug, It.IsAny<CancellationToken>())).ReturnsAsync(true);
        }

        Repos.Setup(r => r.GetBySlugsAsync(It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((IReadOnlyCollection<string> slugs, CancellationToken _) => all.Where(r => slugs.Contains(r.Slug)).ToList());
    }

    protected InterfaceChange KnownDraft(params string[] affected)
    {
        var change = InterfaceChange.Draft(
            Origin.Id, "Trailing-slash normalisation", "Both forms work.", ChangeType.Breaking, InterfaceType.HttpApi,
            affected.Length == 0 ? [ConsumerA.Slug, ConsumerB.Slug] : affected, ["/repos/"], new DateOnly(2026, 12, 1));
        Changes.Setup(c => c.GetForUpdateAsync(change.Id, It.IsAny<CancellationToken>())).ReturnsAsync(change);
        return change;
    }
}
