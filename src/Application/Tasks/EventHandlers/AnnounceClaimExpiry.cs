using System.Text.Json;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Events;
using StateHub.Domain.Common;
using StateHub.Domain.Events;
using StateHub.Domain.Inbox;
using StateHub.Domain.Work;

namespace StateHub.Application.Tasks.EventHandlers;

/// <summary>
/// A lapsed claim is told to the task's repo: a <c>task_claim_expired</c> progress event and an
/// inbox message naming the previous holder, in the transaction that ended it (the sweep's, or a
/// claim or status change that came first).
/// </summary>
internal sealed class AnnounceClaimExpiry(IWorkstreamRepository workstreams, IProgressEventRepository events, IInboxRepository inbox)
    : IDomainEventHandler<TaskClaimExpired>
{
    public const string Kind = "task_claim_expired";

    public async Task Handle(TaskClaimExpired domainEvent, CancellationToken cancellationToken)
    {
        var task = domainEvent.Task;
        var workstream = await workstreams.GetByIdAsync(task.WorkstreamId, cancellationToken)
            ?? throw new InvalidOperationException($"Workstream '{task.WorkstreamId}' of task '{task.Id}' is missing.");
        var name = $"{workstream.Key}/{task.Key}";
        var holder = domainEvent.PreviousHolder;
        var data = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["task_id"] = task.Id,
            ["task_key"] = task.Key,
            ["workstream_id"] = workstream.Id,
            ["workstream_key"] = workstream.Key,
            ["previous_holder"] = holder,
            ["claim_expired_at"] = domainEvent.ExpiredAt,
            ["claim_token"] = domainEvent.ClaimToken,
        });
        // Events are handled at commit, so the task is as the request left it: returned to todo by
        // the sweep, or already claimed or moved by someone else before the sweep came by.
        var (now, next) = task.ClaimedBy is { } taker && taker != holder
            ? ($"the task is now claimed by '{taker}'", $"'{taker}' has claimed it since")
            : task.Status == WorkTaskStatus.Todo
                ? ("the task is todo again", "The task is todo again and can be claimed")
                : ($"the task is {EnumWire.Name(task.Status)} now", $"Its status has since been set to {EnumWire.Name(task.Status)}");
        events.Add(ProgressEvent.Create(workstream.RepoId, Kind,
            $"Claim of task {name} by '{holder}' expired at {domainEvent.ExpiredAt:O}; {now}.", data));
        inbox.Add(InboxMessage.Create(
            workstream.RepoId,
            Kind,
            $"Claim of task {name} by '{holder}' expired",
            $"'{holder}' held task {name} (id {task.Id}, claim token {domainEvent.ClaimToken}) "
            + $"until {domainEvent.ExpiredAt:O} without renewing or releasing it. {next}; "
            + "any work the previous holder left may need checking."));
    }
}
