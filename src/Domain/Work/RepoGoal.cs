using System.Linq.Expressions;
using StateHub.Domain.Common;
using StateHub.Domain.Repos;

namespace StateHub.Domain.Work;

/// <summary>Something a repo is working towards; priority 1 is the most urgent.</summary>
public sealed class RepoGoal : Entity
{
    public const int TitleMaxLength = 300;
    public const int DescriptionMaxLength = 8000;
    public const int DefaultPriority = 3;

    private RepoGoal()
    {
    }

    public Guid RepoId { get; private set; }

    /// <summary>The owning repo; loaded by the repository lookup that returns a single goal.</summary>
    public ManagedRepo Repo { get; private set; } = null!;

    public string Title { get; private set; } = null!;

    public string? Description { get; private set; }

    public int Priority { get; private set; }

    public GoalStatus Status { get; private set; } = GoalStatus.Active;

    public static RepoGoal Create(Guid repoId, string title, string? description, int priority) =>
        new()
        {
            RepoId = repoId,
            Title = Guard.Required(title, "title", TitleMaxLength),
            Description = Guard.Optional(description, "description", DescriptionMaxLength),
            Priority = Guard.Priority(priority),
        };

    /// <summary>Active = still pursued, the goals that compete to be the one dispatch shows: the one definition, for queries (EF translates it) and <see cref="IsActive"/>.</summary>
    public static readonly Expression<Func<RepoGoal, bool>> Active = g => g.Status == GoalStatus.Active;

    private static readonly Func<RepoGoal, bool> ActiveCompiled = Active.Compile();

    public bool IsActive => ActiveCompiled(this);

    public void Retitle(string title) => Title = Guard.Required(title, "title", TitleMaxLength);

    public void Describe(string? description) =>
        Description = Guard.Optional(description, "description", DescriptionMaxLength);

    public void Reprioritise(int priority) => Priority = Guard.Priority(priority);

    public void ChangeStatus(GoalStatus status)
    {
        if (!Enum.IsDefined(status))
            throw new DomainValidationException("status", "Unknown goal status.");
        Status = status;
    }
}
