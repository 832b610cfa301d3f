using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Events;
using StateHub.Domain.InterfaceChanges;

namespace StateHub.Application.InterfaceChanges.EventHandlers;

/// <summary>
/// When the last pending consumer of a published change migrates or is not affected, the origin
/// repo gets one inbox message saying so, in the transaction of that acknowledgement.
/// </summary>
internal sealed class NotifyOriginWhenConsumersDone(IRepoRepository repos, IInboxRepository inbox)
    : IDomainEventHandler<InterfaceChangeConsumersDone>
{
    public async Task Handle(InterfaceChangeConsumersDone domainEvent, CancellationToken cancellationToken)
    {
        var origin = await InterfaceChangeRules.OriginOfAsync(repos, domainEvent.Change.OriginRepoId, cancellationToken);
        inbox.Add(InterfaceChangeNotices.AllConsumersDoneNoticeTo(domainEvent.Change, origin.Id));
    }
}
