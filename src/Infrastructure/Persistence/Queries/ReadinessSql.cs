namespace StateHub.Infrastructure.Persistence.Queries;

/// <summary>
/// The SQL of readiness (spec §13), shared by task reads, dispatch, claim-next and the dependency
/// endpoints so that they agree: a task is ready when it is todo (a lapsed claim counts as todo),
/// its workstream is active, every blocking task is done or cancelled and every blocking
/// interface change is resolved.
/// </summary>
internal static class ReadinessSql
{
    /// <summary>An in_progress task whose claim lapsed at <paramref name="now"/> (<c>WorkTask.HasLapsedClaim</c>).</summary>
    public static string LapsedClaim(string task, string now) =>
        $"({task}.status = 'in_progress' AND {task}.claimed_by IS NOT NULL AND {task}.claim_expires_at <= {now})";

    /// <summary>The task's status as reads show it: an in_progress task whose claim lapsed is todo again.</summary>
    public static string EffectiveStatus(string task, string now) =>
        $"(CASE WHEN {LapsedClaim(task, now)} THEN 'todo' ELSE {task}.status END)";

    public static string EffectivelyTodo(string task, string now) =>
        $"({task}.status = 'todo' OR {LapsedClaim(task, now)})";

    /// <summary>
    /// A correlated subquery over the unfinished blockers of <paramref name="task"/>, for a WHERE clause
    /// (claim-next: an anti join). Readiness rows take it from their lateral join instead
    /// (<c>TaskDependencyRepository.ReadinessQuery</c>).
    /// </summary>
    public static string OpenBlockers(string task) => $"""
        SELECT 1 FROM task_dependencies d
        LEFT JOIN tasks bt ON bt.id = d.blocked_by_task_id
        LEFT JOIN interface_changes ic ON ic.id = d.blocked_by_interface_change_id
        WHERE d.task_id = {task}.id
          AND {Unfinished}
        """;

    /// <summary>
    /// Rows describing dependencies (alias <c>d</c> must be in scope): the blocker's kind, id, key
    /// or title, repo slug and status, each aliased for <c>BlockerRow</c>.
    /// </summary>
    public static string BlockerColumns(string now) => $"""
        d.id AS dependency_id,
        CASE WHEN d.blocked_by_task_id IS NOT NULL THEN 'task' ELSE 'interface_change' END AS kind,
        COALESCE(d.blocked_by_task_id, d.blocked_by_interface_change_id) AS blocker_id,
        COALESCE(bt.key, ic.title) AS key_or_title,
        COALESCE(btr.slug, icr.slug) AS repo_slug,
        COALESCE({EffectiveStatus("bt", now)}, ic.status) AS status
        """;

    /// <summary>Joins from dependency <c>d</c> to its blocker and the blocker's repo.</summary>
    public const string BlockerJoins = """
        LEFT JOIN tasks bt ON bt.id = d.blocked_by_task_id
        LEFT JOIN workstreams btw ON btw.id = bt.workstream_id
        LEFT JOIN managed_repos btr ON btr.id = btw.repo_id
        LEFT JOIN interface_changes ic ON ic.id = d.blocked_by_interface_change_id
        LEFT JOIN managed_repos icr ON icr.id = ic.origin_repo_id
        """;

    public const string Unfinished = "(bt.status NOT IN ('done', 'cancelled') OR ic.status <> 'resolved')";
}
