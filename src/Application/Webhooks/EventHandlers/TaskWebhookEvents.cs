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

// task.claimed / task.claim_expired (issue 14): when TaskClaimed(WorkTask Task, string AgentId) and
// TaskClaimExpired(WorkTask Task, string AgentId) exist, each handler is one line on the mapping
// already here (WebhookEventsOutbox.TaskClaimedAsync / TaskClaimExpiredAsync):
//   internal sealed class QueueTaskClaimedWebhook(IWorkstreamRepository w, IWebhookOutbox o, TimeProvider c) : IDomainEventHandler<TaskClaimed>
//   { public Task Handle(TaskClaimed e, CancellationToken ct) => o.TaskClaimedAsync(w, e.Task, e.AgentId, c.GetUtcNow(), ct); }
//   internal sealed class QueueTaskClaimExpiredWebhook(...) : IDomainEventHandler<TaskClaimExpired>
//   { public Task Handle(TaskClaimExpired e, CancellationToken ct) => o.TaskClaimExpiredAsync(w, e.Task, e.AgentId, c.GetUtcNow(), ct); }
