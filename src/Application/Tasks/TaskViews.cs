using AutoMapper;
using StateHub.Application.Common.Abstractions;
using StateHub.Domain.Work;

namespace StateHub.Application.Tasks;

/// <summary>
/// Turns tasks into what the API shows: the entity's fields with its claim as of now, and its
/// readiness and unfinished blockers as computed in SQL (one statement for any number of tasks).
/// </summary>
public sealed class TaskViews(ITaskDependencyRepository dependencies, IMapper mapper, TimeProvider clock)
{
    public async Task<TaskDto> OneAsync(WorkTask task, CancellationToken cancellationToken) =>
        (await ManyAsync([task], cancellationToken))[0];

    public async Task<IReadOnlyList<TaskDto>> ManyAsync(IReadOnlyList<WorkTask> tasks, CancellationToken cancellationToken)
    {
        if (tasks.Count == 0)
            return [];
        var now = clock.GetUtcNow();
        var readiness = await dependencies.GetReadinessAsync(tasks.Select(t => t.Id).ToList(), now, cancellationToken);
        return tasks.Select(t => TaskDto.From(mapper, t, Current(t, readiness.GetValueOrDefault(t.Id), now), now)).ToList();
    }

    /// <summary>
    /// The stored readiness, with the status taken from the entity, which may hold a change not yet
    /// written (a claim, a status change) when the response is shaped inside the command's transaction.
    /// </summary>
    private static TaskReadiness Current(WorkTask task, TaskReadiness? stored, DateTimeOffset now)
    {
        var workstreamActive = stored?.WorkstreamActive ?? true;
        var blockedBy = stored?.BlockedBy ?? [];
        var todo = task.Status == WorkTaskStatus.Todo || task.HasLapsedClaimAt(now);
        return new TaskReadiness(todo && workstreamActive && blockedBy.Count == 0, workstreamActive, blockedBy);
    }
}
