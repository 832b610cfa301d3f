using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Events;
using StateHub.Domain.Work;

namespace StateHub.Application.Webhooks.EventHandlers;

/// <summary><c>task.created</c>.</summary>
internal sealed class QueueTaskCreatedWebhook(IWorkstreamRepository workstreams, IWebhookOutbox outbox, TimeProvider clock)
    : IDomainEventHandler<TaskCreated>
{
    public async Task Handle(TaskCreated domainEvent, CancellationToken cancellationToken)
    {
        var workstream = await workstreams.GetByIdAsync(domainEvent.Task.WorkstreamId, cancellationToken);
        if (workstream is not null)
            outbox.TaskCreated(domainEvent.Task, workstream, workstream.Repo, clock.GetUtcNow());
    }
}

/// <summary><c>task.status_changed</c>, with the previous status.</summary>
internal sealed class QueueTaskStatusChangedWebhook(IWorkstreamRepository workstreams, IWebhookOutbox outbox, TimeProvider clock)
    : IDomainEventHandler<TaskStatusChanged>
{
    public async Task Handle(TaskStatusChanged domainEvent, CancellationToken cancellationToken)
    {
        var workstream = await workstreams.GetByIdAsync(domainEvent.Task.WorkstreamId, cancellationToken);
        if (workstream is not null)
            outbox.TaskStatusChanged(domainEvent.Task, domainEvent.From, workstream, workstream.Repo, clock.GetUtcNow());
    }
}

/// <summary><c>task.claimed</c>: a claim granted anew (a renewal, or the same claimant claiming again, sends nothing).</summary>
internal sealed class QueueTaskClaimedWebhook(IWorkstreamRepository workstreams, IWebhookOutbox outbox, TimeProvider clock)
    : IDomainEventHandler<TaskClaimed>
{
    public Task Handle(TaskClaimed domainEvent, CancellationToken cancellationToken) =>
        outbox.TaskClaimedAsync(workstreams, domainEvent.Task, domainEvent.Claimant, clock.GetUtcNow(), cancellationToken);
}

/// <summary><c>task.claim_expired</c>: a lapsed claim ended (the sweep returned the task to todo, or it was claimed, moved or synced before the sweep came by).</summary>
internal sealed class QueueTaskClaimExpiredWebhook(IWorkstreamRepository workstreams, IWebhookOutbox outbox, TimeProvider clock)
    : IDomainEventHandler<TaskClaimExpired>
{
    public Task Handle(TaskClaimExpired domainEvent, CancellationToken cancellationToken) =>
        outbox.TaskClaimExpiredAsync(workstreams, domainEvent.Task, domainEvent.PreviousHolder, clock.GetUtcNow(), cancellationToken);
}
