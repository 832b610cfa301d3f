using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Events;
using StateHub.Domain.Repos;

namespace StateHub.Application.Webhooks.EventHandlers;

/// <summary><c>repo.registered</c>.</summary>
internal sealed class QueueRepoRegisteredWebhook(IWebhookOutbox outbox, TimeProvider clock) : IDomainEventHandler<RepoRegistered>
{
    public Task Handle(RepoRegistered domainEvent, CancellationToken cancellationToken)
    {
        outbox.RepoRegistered(domainEvent.Repo, clock.GetUtcNow());
        return Task.CompletedTask;
    }
}

/// <summary><c>repo.archived</c>.</summary>
internal sealed class QueueRepoArchivedWebhook(IWebhookOutbox outbox, TimeProvider clock) : IDomainEventHandler<RepoArchived>
{
    public Task Handle(RepoArchived domainEvent, CancellationToken cancellationToken)
    {
        outbox.RepoArchived(domainEvent.Repo, clock.GetUtcNow());
        return Task.CompletedTask;
    }
}

/// <summary><c>workplan.synced</c>: a sync that fixed the hub (its counts come from the event's data).</summary>
internal sealed class QueueWorkplanSyncedWebhook(IWebhookOutbox outbox) : IDomainEventHandler<WorkplanSynced>
{
    public Task Handle(WorkplanSynced domainEvent, CancellationToken cancellationToken)
    {
        outbox.WorkplanSynced(domainEvent.Repo, domainEvent.Data, domainEvent.SyncedAt);
        return Task.CompletedTask;
    }
}
