using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Events;
using StateHub.Domain.InterfaceChanges;

namespace StateHub.Application.InterfaceChanges.EventHandlers;

/// <summary>
/// Publishing or resolving a change writes one inbox message to each affected repo and one
/// progress event on the origin, in the transaction of the move itself.
/// </summary>
internal sealed class AnnounceInterfaceChange(IRepoRepository repos, IInboxRepository inbox, IProgressEventRepository events)
    : IDomainEventHandler<InterfaceChangePublished>, IDomainEventHandler<InterfaceChangeResolved>
{
    public Task Handle(InterfaceChangePublished domainEvent, CancellationToken cancellationToken) =>
        AnnounceAsync(domainEvent.Change, cancellationToken);

    public Task Handle(InterfaceChangeResolved domainEvent, CancellationToken cancellationToken) =>
        AnnounceAsync(domainEvent.Change, cancellationToken);

    private async Task AnnounceAsync(InterfaceChange change, CancellationToken cancellationToken)
    {
        var origin = await InterfaceChangeRules.OriginOfAsync(repos, change.OriginRepoId, cancellationToken);
        var affected = await InterfaceChangeRules.RequireAffectedReposAsync(repos, change.AffectedRepoSlugs, cancellationToken);
        foreach (var repo in affected)
            inbox.Add(InterfaceChangeNotices.NoticeTo(change, repo.Id, origin.Slug));
        events.Add(InterfaceChangeNotices.EventOnOrigin(change, origin.Id, origin.Slug));
    }
}
