using System.Linq.Expressions;
using StateHub.Domain.Common;

namespace StateHub.Domain.Work;

/// <summary>A task in a workstream (the spec's "Task"; named WorkTask to stay clear of System.Threading.Tasks.Task).</summary>
public sealed class WorkTask : Entity
{
    public const int KeyMaxLength = 100;
    public const int TitleMaxLength = 500;
    public const int DefaultPriority = 3;

    private WorkTask()
    {
    }

    public Guid WorkstreamId { get; private set; }

    public string Key { get; private set; } = null!;

    public string Title { get; private set; } = null!;

    public int Priority { get; private set; } = DefaultPriority;

    public WorkTaskStatus Status { get; private set; } = WorkTaskStatus.Todo;

    public bool NeedsHuman { get; private set; }

    /// <summary>Todo and in-progress tasks are the ones an agent still has to act on.</summary>
    /// <summary>
    /// Pending = still to be done (todo or in progress): the one definition, translated by EF in
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

    public void ChangeStatus(WorkTaskStatus status)
    {
        if (!Enum.IsDefined(status))
            throw new DomainValidationException("status", "Unknown task status.");
        if (Status == status)
            return;
        var from = Status;
        Status = status;
        Raise(new TaskStatusChanged(this, from, status));
    }
}
