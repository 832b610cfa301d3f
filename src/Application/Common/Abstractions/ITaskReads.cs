using StateHub.Application.Tasks;

namespace StateHub.Application.Common.Abstractions;

/// <summary>The read model of one task: the task with its readiness and blockers, in one round trip.</summary>
public interface ITaskReads
{
    /// <summary>The task as the API shows it at <paramref name="now"/>, or null when there is no such task.</summary>
    Task<TaskDto?> GetAsync(Guid id, DateTimeOffset now, CancellationToken cancellationToken);
}
