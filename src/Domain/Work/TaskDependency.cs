using StateHub.Domain.Common;

namespace StateHub.Domain.Work;

/// <summary>
/// "This task waits for that": a blocking task (possibly in another repo) or a blocking interface
/// change. Exactly one of the two blockers is set.
/// </summary>
public sealed class TaskDependency : Entity
{
    private TaskDependency()
    {
    }

    public Guid TaskId { get; private set; }

    public Guid? BlockedByTaskId { get; private set; }

    public Guid? BlockedByInterfaceChangeId { get; private set; }

    public static TaskDependency OnTask(Guid taskId, Guid blockedByTaskId) =>
        blockedByTaskId == taskId
            ? throw new InvalidTransitionException($"Task '{taskId}' cannot block itself (cycle: {taskId} → {taskId}).")
            : new TaskDependency { TaskId = taskId, BlockedByTaskId = blockedByTaskId };

    public static TaskDependency OnInterfaceChange(Guid taskId, Guid interfaceChangeId) =>
        new() { TaskId = taskId, BlockedByInterfaceChangeId = interfaceChangeId };
}
