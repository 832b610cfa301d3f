namespace StateHub.Infrastructure.Persistence;

/// <summary>Human words for the unique indexes a client can run into.</summary>
internal static class UniqueConstraintMessages
{
    private static readonly Dictionary<string, string> Messages = new(StringComparer.Ordinal)
    {
        ["ix_domains_slug"] = "A domain with this slug already exists.",
        ["ix_managed_repos_slug"] = "A repo with this slug already exists.",
        ["ix_workstreams_repo_id_key"] = "This repo already has a workstream with this key.",
        ["ix_tasks_workstream_id_key"] = "This workstream already has a task with this key.",
        ["ix_task_dependencies_task_id_blocked_by_task_id"] = "This task already depends on that task.",
        ["ix_task_dependencies_task_id_blocked_by_interface_change_id"] = "This task already depends on that interface change.",
        ["ix_inbox_messages_interface_change_id_repo_id_kind"] = "This repo has already been notified of this change.",
    };

    public static string Describe(string? constraintName) =>
        constraintName is not null && Messages.TryGetValue(constraintName, out var message)
            ? message
            : "The request conflicts with an existing record.";
}
