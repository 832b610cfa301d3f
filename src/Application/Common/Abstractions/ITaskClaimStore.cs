using StateHub.Domain.Work;

namespace StateHub.Application.Common.Abstractions;

/// <summary>
/// The atomic half of claims: row locks that make concurrent claims of any number of API nodes
/// take turns (or skip each other). The rules are the task's own (<see cref="WorkTask.Claim"/>).
/// </summary>
public interface ITaskClaimStore
{
    /// <summary>Loads the task for a change and locks its row until the transaction ends (concurrent claimers wait); null when absent.</summary>
    Task<WorkTask?> GetForUpdateAsync(Guid taskId, CancellationToken cancellationToken);

    /// <summary>
    /// Loads and locks the most urgent ready task of the repo's active workstreams (priority, then
    /// creation) that no other transaction holds, in one statement with <c>FOR UPDATE SKIP LOCKED</c>;
    /// null when none is ready.
    /// </summary>
    Task<WorkTask?> LockNextReadyAsync(Guid repoId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Loads and locks up to <paramref name="batchSize"/> in_progress tasks whose claim lapsed before
    /// <paramref name="now"/>, oldest expiry first, skipping rows another sweeper holds
    /// (<c>FOR UPDATE SKIP LOCKED</c>), so each lapse is handled by exactly one node.
    /// </summary>
    Task<IReadOnlyList<WorkTask>> LockLapsedClaimsAsync(DateTimeOffset now, int batchSize, CancellationToken cancellationToken);
}
