using System.Text.Json;
using MediatR;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Messaging;
using StateHub.Domain.Events;
using StateHub.Domain.Inbox;

namespace StateHub.Application.Tasks.Commands.SweepExpiredClaims;

/// <summary>
/// Returns in_progress tasks whose claim lapsed to todo (one batch), and for each logs a
/// <c>task_claim_expired</c> progress event and writes an inbox message to the repo naming the
/// previous holder, all in the command's transaction. Rows another node is sweeping are skipped,
/// so each expiry is reported exactly once whatever the number of nodes. Returns how many it swept.
/// </summary>
public sealed record SweepExpiredClaimsCommand(int BatchSize = 100) : ICommand<int>;

internal sealed class SweepExpiredClaimsCommandHandler(
    ITaskClaimStore claims, IProgressEventRepository events, IInboxRepository inbox, TimeProvider clock)
    : IRequestHandler<SweepExpiredClaimsCommand, int>
{
    public const string Kind = "task_claim_expired";

    public async Task<int> Handle(SweepExpiredClaimsCommand request, CancellationToken cancellationToken)
    {
        var expired = await claims.ReturnExpiredClaimsAsync(clock.GetUtcNow(), request.BatchSize, cancellationToken);
        foreach (var claim in expired)
        {
            var summary = $"Claim of task {claim.WorkstreamKey}/{claim.TaskKey} by '{claim.PreviousHolder}' expired at {claim.ExpiredAt:O}; the task is todo again.";
            var data = JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["task_id"] = claim.TaskId,
                ["task_key"] = claim.TaskKey,
                ["workstream_id"] = claim.WorkstreamId,
                ["workstream_key"] = claim.WorkstreamKey,
                ["previous_holder"] = claim.PreviousHolder,
                ["claim_expired_at"] = claim.ExpiredAt,
                ["claim_token"] = claim.ClaimToken,
            });
            events.Add(ProgressEvent.Create(claim.RepoId, Kind, summary, data));
            inbox.Add(InboxMessage.Create(
                claim.RepoId,
                Kind,
                $"Claim of task {claim.WorkstreamKey}/{claim.TaskKey} by '{claim.PreviousHolder}' expired",
                $"'{claim.PreviousHolder}' held task {claim.WorkstreamKey}/{claim.TaskKey} (id {claim.TaskId}, claim token {claim.ClaimToken}) "
                + $"until {claim.ExpiredAt:O} without renewing or releasing it. The task is todo again and can be claimed; "
                + "any work the previous holder left may need checking."));
        }

        return expired.Count;
    }
}
