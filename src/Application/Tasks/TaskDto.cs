using AutoMapper;
using StateHub.Application.Common.Concurrency;
using StateHub.Domain.Work;

namespace StateHub.Application.Tasks;

/// <summary>A task of a workstream as the API shows it.</summary>
public sealed record TaskDto : IVersionedDto
{
    public Guid Id { get; init; }

    public Guid WorkstreamId { get; init; }

    /// <summary>Unique within the workstream, e.g. <c>T01</c>.</summary>
    public string Key { get; init; } = null!;

    public string Title { get; init; } = null!;

    /// <summary>1 is the most urgent.</summary>
    public int Priority { get; init; }

    public WorkTaskStatus Status { get; init; }

    /// <summary>True when the task waits on a human (a decision, a credential, a review).</summary>
    public bool NeedsHuman { get; init; }

    /// <summary>Who holds the claim; null when nobody does (an expired claim is nobody's).</summary>
    public string? ClaimedBy { get; init; }

    /// <summary>When the current claim lapses; null when unclaimed.</summary>
    public DateTimeOffset? ClaimExpiresAt { get; init; }

    /// <summary>The current claim's fencing number (grows with every new claim); null when unclaimed.</summary>
    public long? ClaimToken { get; init; }

    /// <summary>The unfinished blockers: tasks not done or cancelled, interface changes not resolved.</summary>
    public IReadOnlyList<BlockerDto> BlockedBy { get; init; } = [];

    /// <summary>True when the task is todo, its workstream active and nothing blocks it: what claim-next may take.</summary>
    public bool Ready { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>
    /// The task as the API shows it at <paramref name="now"/>: a lapsed claim is free at once, so it
    /// reads as an unclaimed todo task even before the sweep has returned it.
    /// </summary>
    public static TaskDto From(IMapper mapper, WorkTask task, TaskReadiness readiness, DateTimeOffset now)
    {
        var dto = mapper.Map<TaskDto>(task);
        var claimed = task.IsClaimedAt(now);
        return dto with
        {
            Status = task.HasLapsedClaimAt(now) ? WorkTaskStatus.Todo : task.Status,
            ClaimedBy = claimed ? task.ClaimedBy : null,
            ClaimExpiresAt = claimed ? task.ClaimExpiresAt : null,
            ClaimToken = claimed ? task.ClaimToken : null,
            BlockedBy = readiness.BlockedBy,
            Ready = readiness.Ready,
        };
    }

    private sealed class Mapping : Profile
    {
        public Mapping() => CreateMap<WorkTask, TaskDto>()
            .ForMember(d => d.ClaimedBy, o => o.Ignore())
            .ForMember(d => d.ClaimExpiresAt, o => o.Ignore())
            .ForMember(d => d.ClaimToken, o => o.Ignore())
            .ForMember(d => d.BlockedBy, o => o.Ignore())
            .ForMember(d => d.Ready, o => o.Ignore());
    }
}
