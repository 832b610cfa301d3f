using System.Linq.Expressions;
using StateHub.Domain.Common;
using StateHub.Domain.Repos;

namespace StateHub.Domain.Work;

/// <summary>A workplan: a keyed stream of tasks in one repo (e.g. CUST-WP-0033).</summary>
public sealed class Workstream : Entity
{
    public const int KeyMaxLength = 100;
    public const int TitleMaxLength = 300;
    public const int SourcePathMaxLength = 1024;

    private readonly List<WorkTask> _tasks = [];

    private Workstream()
    {
    }

    public Guid RepoId { get; private set; }

    /// <summary>The owning repo; loaded by the repository lookup that returns a single workstream.</summary>
    public ManagedRepo Repo { get; private set; } = null!;

    public string Key { get; private set; } = null!;

    public string Title { get; private set; } = null!;

    public WorkstreamStatus Status { get; private set; } = WorkstreamStatus.Active;

    /// <summary>The workplan file this workstream came from, relative to the repo root, if any.</summary>
    public string? SourcePath { get; private set; }

    public IReadOnlyCollection<WorkTask> Tasks => _tasks;

    public static Workstream Create(Guid repoId, string key, string title, WorkstreamStatus status = WorkstreamStatus.Active, string? sourcePath = null)
    {
        var ws = new Workstream
        {
            RepoId = repoId,
            Key = Guard.Required(key, "key", KeyMaxLength),
            Title = Guard.Required(title, "title", TitleMaxLength),
            SourcePath = Guard.Optional(sourcePath, "source_path", SourcePathMaxLength),
        };
        ws.ChangeStatus(status);
        return ws;
    }

    /// <summary>Active = being worked on, the only workstreams dispatched to agents: the one definition, for queries (EF translates it) and <see cref="IsActive"/>.</summary>
    public static readonly Expression<Func<Workstream, bool>> Active = w => w.Status == WorkstreamStatus.Active;

    private static readonly Func<Workstream, bool> ActiveCompiled = Active.Compile();

    public bool IsActive => ActiveCompiled(this);

    /// <summary>Changes the key (trimmed); uniqueness within the repo is the store's to enforce.</summary>
    /// <returns>Whether the key changed, so callers check uniqueness only when it did.</returns>
    public bool Rekey(string key)
    {
        var trimmed = Guard.Required(key, "key", KeyMaxLength);
        if (trimmed == Key)
            return false;
        Key = trimmed;
        return true;
    }

    /// <summary>Adds a new task to this workstream; the task's key must be unique within it (the store enforces it).</summary>
    public WorkTask AddTask(string key, string title, int priority = WorkTask.DefaultPriority, WorkTaskStatus status = WorkTaskStatus.Todo, bool needsHuman = false)
    {
        var task = WorkTask.Create(Id, key, title, priority, status, needsHuman);
        _tasks.Add(task);
        return task;
    }

    public void Retitle(string title) => Title = Guard.Required(title, "title", TitleMaxLength);

    public void SetSourcePath(string? sourcePath) =>
        SourcePath = Guard.Optional(sourcePath, "source_path", SourcePathMaxLength);

    public void ChangeStatus(WorkstreamStatus status)
    {
        if (!Enum.IsDefined(status))
            throw new DomainValidationException("status", "Unknown workstream status.");
        Status = status;
    }
}
