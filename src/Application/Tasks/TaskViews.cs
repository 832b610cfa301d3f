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
    /// <summary>
    /// For a command: reads the task's readiness now (blockers and workstream; a change to the task
    /// itself does not alter them) and returns how to shape the answer after the pipeline saved, so
    /// it carries the new stamps.
    /// </summary>
    public async Task<Func<TaskDto>> AfterSaveAsync(WorkTask task, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var stored = (await dependencies.GetReadinessAsync([task.Id], now, cancellationToken)).GetValueOrDefault(task.Id);
        return () => TaskDto.From(mapper, task, Current(task, stored, now), now);
    }

    /// <summary>For a task being created (no row, no blockers yet): the answer, shaped after the save.</summary>
    public Func<TaskDto> OfNew(WorkTask task, bool workstreamActive)
    {
        var now = clock.GetUtcNow();
        var stored = new TaskReadiness(false, workstreamActive, []);
        return () => TaskDto.From(mapper, task, Current(task, stored, now), now);
    }

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
