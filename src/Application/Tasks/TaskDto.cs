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

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    private sealed class Mapping : Profile
    {
        public Mapping() => CreateMap<WorkTask, TaskDto>();
    }
}
