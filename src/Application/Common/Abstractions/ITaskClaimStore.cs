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
    /// Returns up to <paramref name="batchSize"/> in_progress tasks whose claim lapsed before
    /// <paramref name="now"/> to todo in one statement (rows another sweeper holds are skipped), and
    /// says what each was and who held it.
    /// </summary>
    Task<IReadOnlyList<ExpiredClaim>> ReturnExpiredClaimsAsync(DateTimeOffset now, int batchSize, CancellationToken cancellationToken);
}

/// <summary>A claim the sweep took back.</summary>
public sealed record ExpiredClaim
{
    public Guid TaskId { get; init; }

    public string TaskKey { get; init; } = null!;

    public Guid WorkstreamId { get; init; }

    public string WorkstreamKey { get; init; } = null!;

    public Guid RepoId { get; init; }

    public string PreviousHolder { get; init; } = null!;

    public DateTimeOffset ExpiredAt { get; init; }

    public long ClaimToken { get; init; }
}
