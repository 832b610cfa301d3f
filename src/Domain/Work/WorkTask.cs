using System.Linq.Expressions;
using StateHub.Domain.Common;

namespace StateHub.Domain.Work;

/// <summary>A task in a workstream (the spec's "Task"; named WorkTask to stay clear of System.Threading.Tasks.Task).</summary>
public sealed class WorkTask : Entity
{
    public const int KeyMaxLength = 100;
    public const int TitleMaxLength = 500;
    public const int DefaultPriority = 3;
    public const int ClaimantMaxLength = 200;
    public const int DefaultClaimTtlSeconds = 900;
    public static readonly TimeSpan MinClaimTtl = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan MaxClaimTtl = TimeSpan.FromSeconds(86400);

    private WorkTask()
    {
    }

    public Guid WorkstreamId { get; private set; }

    public string Key { get; private set; } = null!;

    public string Title { get; private set; } = null!;

    public int Priority { get; private set; } = DefaultPriority;

    public WorkTaskStatus Status { get; private set; } = WorkTaskStatus.Todo;

    public bool NeedsHuman { get; private set; }

    /// <summary>Who holds the claim (free-form, e.g. agent and session); null when unclaimed.</summary>
    public string? ClaimedBy { get; private set; }

    /// <summary>When the claim lapses; an expired claim is free at once.</summary>
    public DateTimeOffset? ClaimExpiresAt { get; private set; }

    /// <summary>Fencing number: grows with every new claim (not with a renewal), so a lapsed holder's token is stale.</summary>
    public long ClaimToken { get; private set; }

    /// <summary>
    /// Pending = still to be done (todo or in progress), the tasks an agent still has to act on:
    /// the one definition, translated by EF in
    /// queries (dispatch) and compiled for <see cref="IsPending"/>.
    /// </summary>
    public static readonly Expression<Func<WorkTask, bool>> Pending =
        t => t.Status == WorkTaskStatus.Todo || t.Status == WorkTaskStatus.InProgress;

    private static readonly Func<WorkTask, bool> PendingCompiled = Pending.Compile();

    public bool IsPending => PendingCompiled(this);

    public static WorkTask Create(Guid workstreamId, string key, string title, int priority = DefaultPriority, WorkTaskStatus status = WorkTaskStatus.Todo, bool needsHuman = false)
    {
        var task = new WorkTask
        {
            WorkstreamId = workstreamId,
            Key = Guard.Required(key, "key", KeyMaxLength),
            Title = Guard.Required(title, "title", TitleMaxLength),
            Priority = Guard.Priority(priority),
            NeedsHuman = needsHuman,
        };
        task.ChangeStatus(status);
        task.TakeDomainEvents();
        task.Raise(new TaskCreated(task));
        return task;
    }

    /// <summary>Changes the key (trimmed); uniqueness within the workstream is the store's to enforce.</summary>
    /// <returns>Whether the key changed, so callers check uniqueness only when it did.</returns>
    public bool Rekey(string key)
    {
        var trimmed = Guard.Required(key, "key", KeyMaxLength);
        if (trimmed == Key)
            return false;
        Key = trimmed;
        return true;
    }

    public void Retitle(string title) => Title = Guard.Required(title, "title", TitleMaxLength);

    public void Reprioritise(int priority) => Priority = Guard.Priority(priority);

    public void FlagNeedsHuman(bool needsHuman) => NeedsHuman = needsHuman;

    /// <summary>
    /// Sets the status as the workplan files or an import say. A claim lives only on an in_progress
    /// task, so moving the task anywhere else ends it: otherwise a todo task would still look held
    /// and claim-next would pick it only to be refused.
    /// </summary>
    public void ChangeStatus(WorkTaskStatus status)
    {
        if (!Enum.IsDefined(status))
            throw new DomainValidationException("status", "Unknown task status.");
        if (Status == status)
            return;
        var from = Status;
        Status = status;
        if (status != WorkTaskStatus.InProgress)
            ClearClaim();
        Raise(new TaskStatusChanged(this, from, status));
    }

    /// <summary>
    /// Whether the task agrees with a workplan file that gives it <paramref name="fileStatus"/> (§6
    /// against §13): the same status, or a claimed task that the file still calls todo. Agents
    /// claim through the hub and write the file later, so a sync must not take the claim back
    /// (the holder would lose the task to the next claimant); a lapsed claim is the sweep's to end.
    /// </summary>
    public bool AgreesWithWorkplan(WorkTaskStatus fileStatus) =>
        Status == fileStatus || (fileStatus == WorkTaskStatus.Todo && Status == WorkTaskStatus.InProgress && ClaimedBy is not null);

    /// <summary>True while someone holds an unexpired claim at <paramref name="now"/>.</summary>
    public bool IsClaimedAt(DateTimeOffset now) => IsClaimed(ClaimedBy, ClaimExpiresAt, now);

    /// <summary>True when a claim was taken but lapsed and nobody has returned the task yet.</summary>
    public bool HasLapsedClaimAt(DateTimeOffset now) => HasLapsedClaim(Status, ClaimedBy, ClaimExpiresAt, now);

    /// <summary>
    /// <see cref="IsClaimedAt"/> of a task's columns, for reads that shape rows without the entity.
    /// The SQL of it is <c>ReadinessSql</c>'s (Infrastructure); a test holds the two together.
    /// </summary>
    public static bool IsClaimed(string? claimedBy, DateTimeOffset? claimExpiresAt, DateTimeOffset now) =>
        claimedBy is not null && claimExpiresAt > now;

    /// <summary><see cref="HasLapsedClaimAt"/> of a task's columns: such a task reads as todo, claimed by nobody.</summary>
    public static bool HasLapsedClaim(WorkTaskStatus status, string? claimedBy, DateTimeOffset? claimExpiresAt, DateTimeOffset now) =>
        status == WorkTaskStatus.InProgress && claimedBy is not null && claimExpiresAt <= now;

    /// <summary>
    /// Claims the task for <paramref name="claimant"/> until now + <paramref name="ttl"/>: a todo task,
    /// or an in_progress one whose claim lapsed (spec §13: "a todo (or already in_progress and
    /// expired) task"); the same claimant claiming again renews. Refuses a task held by someone
    /// else, an in_progress task nobody ever claimed (it is not expired: someone works on it
    /// without a lease), a finished one, or one that is not ready.
    /// </summary>
    /// <param name="workstreamActive">Whether the task's workstream is active (only those are worked).</param>
    /// <param name="openBlockers">The unfinished blockers, named for the refusal.</param>
    public void Claim(string claimant, DateTimeOffset now, TimeSpan ttl, bool workstreamActive, IReadOnlyCollection<string> openBlockers)
    {
        claimant = Guard.Required(claimant, "claimant", ClaimantMaxLength);
        var expiresAt = now + CheckTtl(ttl);
        if (IsClaimedAt(now))
        {
            if (ClaimedBy != claimant)
                throw new ClaimConflictException($"Task '{Key}' is claimed by '{ClaimedBy}' until {ClaimExpiresAt:O}.", ClaimConflictException.Held);
            ClaimExpiresAt = expiresAt;
            return;
        }

        if (Status == WorkTaskStatus.InProgress && !HasLapsedClaimAt(now))
            throw new ClaimConflictException($"Task '{Key}' is in_progress without a claim (set by a status change); only todo tasks, or in_progress ones whose claim expired, can be claimed.", ClaimConflictException.NotClaimable);
        if (Status is not (WorkTaskStatus.Todo or WorkTaskStatus.InProgress))
            throw new ClaimConflictException($"Task '{Key}' is {EnumWire.Name(Status)}; only todo tasks (or in_progress ones whose claim lapsed) can be claimed.", ClaimConflictException.NotClaimable);
        if (openBlockers.Count > 0)
            throw new ClaimConflictException($"Task '{Key}' is not ready: blocked by {string.Join(", ", openBlockers)}.", ClaimConflictException.Blocked);
        if (!workstreamActive)
            throw new ClaimConflictException($"Task '{Key}' is not ready: its workstream is not active.", ClaimConflictException.InactiveWorkstream);

        // A lapsed claim taken over before the sweep came by, by someone else or by its own holder
        // (who gets a new token: work under the old one is fenced off): the repo hears of the lapse
        // all the same, as from the sweep (§13: the previous holder is named).
        AnnounceLapsedClaim(now);

        var from = Status;
        Status = WorkTaskStatus.InProgress;
        ClaimedBy = claimant;
        ClaimExpiresAt = expiresAt;
        ClaimToken++;
        if (from != Status)
            Raise(new TaskStatusChanged(this, from, Status));
        Raise(new TaskClaimed(this, claimant, expiresAt, ClaimToken));
    }

    /// <summary>Extends the current claim; only with the current token and while the claim holds.</summary>
    public void RenewClaim(long claimToken, DateTimeOffset now, TimeSpan ttl)
    {
        var expiresAt = now + CheckTtl(ttl);
        RequireCurrentToken(claimToken, now);
        ClaimExpiresAt = expiresAt;
    }

    /// <summary>Ends the current claim, leaving the task in <paramref name="status"/> (todo, done, blocked or cancelled).</summary>
    public void ReleaseClaim(long claimToken, WorkTaskStatus status, DateTimeOffset now)
    {
        if (status is not (WorkTaskStatus.Todo or WorkTaskStatus.Done or WorkTaskStatus.Blocked or WorkTaskStatus.Cancelled))
            throw new DomainValidationException("status", "A released task becomes todo, done, blocked or cancelled.");
        RequireCurrentToken(claimToken, now);
        ClearClaim();
        ChangeStatus(status);
    }

    /// <summary>
    /// Changes the status as a PATCH asks: while the task is claimed this needs the holder's current
    /// token, so a holder whose lease lapsed cannot overwrite the new holder's work. Leaving
    /// in_progress ends the claim.
    /// </summary>
    public void ChangeStatusAsHolder(WorkTaskStatus status, long? claimToken, DateTimeOffset now)
    {
        if (IsClaimedAt(now))
        {
            if (status == Status)
                return;
            if (claimToken is null)
                throw new ClaimConflictException($"Task '{Key}' is claimed by '{ClaimedBy}' until {ClaimExpiresAt:O}; changing its status needs the current claim token (HTTP: the Claim-Token header; MCP: the claim_token argument).", ClaimConflictException.StaleToken);
            if (claimToken != ClaimToken)
                throw new ClaimConflictException($"Claim token {claimToken} of task '{Key}' is stale: the task is now claimed by '{ClaimedBy}' until {ClaimExpiresAt:O}.", ClaimConflictException.StaleToken);
        }
        else if (HasLapsedClaimAt(now))
        {
            // The lapsed claim is gone for everyone, the former holder included; the repo hears of
            // it as from the sweep.
            AnnounceLapsedClaim(now);
            Status = WorkTaskStatus.Todo;
            ClearClaim();
        }

        ChangeStatus(status);
        if (Status != WorkTaskStatus.InProgress)
            ClearClaim();
    }

    /// <summary>
    /// Raises <see cref="TaskClaimExpired"/> for a lapsed claim that a change about to be made ends
    /// (a workplan sync moving the task to done, blocked or cancelled before the sweep came by), so
    /// the repo hears of every lapse; the change itself ends the claim.
    /// </summary>
    public void AnnounceLapsedClaim(DateTimeOffset now)
    {
        if (HasLapsedClaimAt(now))
            Raise(LapseOfTheClaim());
    }

    /// <summary>
    /// Returns a task whose claim lapsed to todo (the sweep) and raises <see cref="TaskClaimExpired"/>
    /// naming the previous holder; false when there was nothing to do.
    /// </summary>
    public bool ExpireClaim(DateTimeOffset now)
    {
        if (!HasLapsedClaimAt(now))
            return false;
        var expired = LapseOfTheClaim();
        ClearClaim();
        ChangeStatus(WorkTaskStatus.Todo);
        Raise(expired);
        return true;
    }

    private void RequireCurrentToken(long claimToken, DateTimeOffset now)
    {
        if (claimToken != ClaimToken || ClaimedBy is null || Status != WorkTaskStatus.InProgress)
            throw new ClaimConflictException(IsClaimedAt(now)
                ? $"Claim token {claimToken} of task '{Key}' is stale: the task is claimed by '{ClaimedBy}' until {ClaimExpiresAt:O}."
                : $"Claim token {claimToken} of task '{Key}' is stale: the task is not claimed.", ClaimConflictException.StaleToken);
        if (!IsClaimedAt(now))
            throw new ClaimConflictException($"The claim of task '{Key}' with token {claimToken} expired at {ClaimExpiresAt:O}; claim the task again.", ClaimConflictException.Expired);
    }

    /// <summary>The lapse of the current claim, naming its holder, expiry and token (taken before the claim is cleared).</summary>
    private TaskClaimExpired LapseOfTheClaim() => new(this, ClaimedBy!, ClaimExpiresAt!.Value, ClaimToken);

    private void ClearClaim()
    {
        ClaimedBy = null;
        ClaimExpiresAt = null;
    }

    private static TimeSpan CheckTtl(TimeSpan ttl) =>
        ttl >= MinClaimTtl && ttl <= MaxClaimTtl
            ? ttl
            : throw new DomainValidationException("ttl_seconds", $"ttl_seconds must be between {(int)MinClaimTtl.TotalSeconds} and {(int)MaxClaimTtl.TotalSeconds}.");
}
