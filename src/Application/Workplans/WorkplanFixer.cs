using System.Globalization;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Workplans.Parsing;
using StateHub.Domain.Common;
using StateHub.Domain.Work;

namespace StateHub.Application.Workplans;

/// <summary>
/// Makes the hub match the valid workplan files of an analysis: creates missing workstreams and
/// tasks (with <c>source_path</c>), aligns status and title (and priority and <c>needs_human</c>
/// where the file states them), cancels orphan tasks and archives orphan workstreams. Nothing is
/// deleted, and nothing is taken from invalid or contested files. The caller commits.
/// </summary>
internal static class WorkplanFixer
{
    /// <param name="created">Receives the workstreams the fix created (with their tasks), when given.</param>
    public static IReadOnlyList<WorkplanChange> Apply(Guid repoId, WorkplanAnalysis analysis, IReadOnlyList<Workstream> hubWorkstreams, IWorkstreamRepository store, List<Workstream>? created = null)
    {
        var changes = new List<WorkplanChange>();
        var hubByKey = hubWorkstreams
            .GroupBy(w => w.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        foreach (var plan in analysis.Workplans)
        {
            if (hubByKey.TryGetValue(plan.Key, out var workstream))
                Update(workstream, plan, changes);
            else
            {
                var added = Create(repoId, plan, store, changes);
                created?.Add(added);
            }
        }

        foreach (var orphan in analysis.Drift.Where(d => d.Kind == DriftKind.OrphanInHub && d.WorkstreamKey is not null))
        {
            if (!hubByKey.TryGetValue(orphan.WorkstreamKey!, out var workstream))
                continue;
            if (orphan.TaskKey is null)
            {
                if (workstream.Status == WorkstreamStatus.Archived)
                    continue;
                var old = workstream.Status;
                workstream.ChangeStatus(WorkstreamStatus.Archived);
                changes.Add(Change(WorkplanChangeAction.ArchivedWorkstream, workstream.Key, null, "status", EnumWire.Name(old), EnumWire.Name(WorkstreamStatus.Archived), workstream.SourcePath));
                continue;
            }

            var task = workstream.Tasks.FirstOrDefault(t => t.Key == orphan.TaskKey);
            if (task is null || task.Status == WorkTaskStatus.Cancelled)
                continue;
            var previous = task.Status;
            task.ChangeStatus(WorkTaskStatus.Cancelled);
            changes.Add(Change(WorkplanChangeAction.CancelledTask, workstream.Key, task.Key, "status", EnumWire.Name(previous), EnumWire.Name(WorkTaskStatus.Cancelled), orphan.Path));
        }

        return changes;
    }

    private static Workstream Create(Guid repoId, ParsedWorkplan plan, IWorkstreamRepository store, List<WorkplanChange> changes)
    {
        var workstream = Workstream.Create(repoId, plan.Key, plan.Title, plan.Status, plan.Path);
        changes.Add(Change(WorkplanChangeAction.CreatedWorkstream, plan.Key, null, null, null, EnumWire.Name(plan.Status), plan.Path));
        foreach (var task in plan.Tasks)
        {
            workstream.AddTask(task.Key, task.Title, task.Priority ?? WorkTask.DefaultPriority, task.Status, task.NeedsHuman ?? false);
            changes.Add(Change(WorkplanChangeAction.CreatedTask, plan.Key, task.Key, null, null, EnumWire.Name(task.Status), plan.Path));
        }

        store.Add(workstream);
        return workstream;
    }

    private static void Update(Workstream workstream, ParsedWorkplan plan, List<WorkplanChange> changes)
    {
        void Updated(string field, string? old, string? value) =>
            changes.Add(Change(WorkplanChangeAction.UpdatedWorkstream, plan.Key, null, field, old, value, plan.Path));

        if (workstream.SourcePath != plan.Path)
        {
            Updated("source_path", workstream.SourcePath, plan.Path);
            workstream.SetSourcePath(plan.Path);
        }

        if (workstream.Status != plan.Status)
        {
            Updated("status", EnumWire.Name(workstream.Status), EnumWire.Name(plan.Status));
            workstream.ChangeStatus(plan.Status);
        }

        if (!string.Equals(workstream.Title, plan.Title, StringComparison.Ordinal))
        {
            Updated("title", workstream.Title, plan.Title);
            workstream.Retitle(plan.Title);
        }

        var hubTasks = workstream.Tasks
            .GroupBy(t => t.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var task in plan.Tasks)
        {
            if (!hubTasks.TryGetValue(task.Key, out var hubTask))
            {
                workstream.AddTask(task.Key, task.Title, task.Priority ?? WorkTask.DefaultPriority, task.Status, task.NeedsHuman ?? false);
                changes.Add(Change(WorkplanChangeAction.CreatedTask, plan.Key, task.Key, null, null, EnumWire.Name(task.Status), plan.Path));
                continue;
            }

            UpdateTask(hubTask, task, plan, changes);
        }
    }

    private static void UpdateTask(WorkTask hubTask, ParsedTask task, ParsedWorkplan plan, List<WorkplanChange> changes)
    {
        void Updated(string field, string? old, string? value) =>
            changes.Add(Change(WorkplanChangeAction.UpdatedTask, plan.Key, task.Key, field, old, value, plan.Path));

        if (!hubTask.AgreesWithWorkplan(task.Status))
        {
            Updated("status", EnumWire.Name(hubTask.Status), EnumWire.Name(task.Status));
            hubTask.ChangeStatus(task.Status);
        }

        if (!string.Equals(hubTask.Title, task.Title, StringComparison.Ordinal))
        {
            Updated("title", hubTask.Title, task.Title);
            hubTask.Retitle(task.Title);
        }

        if (task.Priority is { } priority && hubTask.Priority != priority)
        {
            Updated("priority", hubTask.Priority.ToString(CultureInfo.InvariantCulture), priority.ToString(CultureInfo.InvariantCulture));
            hubTask.Reprioritise(priority);
        }

        if (task.NeedsHuman is { } needsHuman && hubTask.NeedsHuman != needsHuman)
        {
            Updated("needs_human", Flag(hubTask.NeedsHuman), Flag(needsHuman));
            hubTask.FlagNeedsHuman(needsHuman);
        }
    }

    private static WorkplanChange Change(WorkplanChangeAction action, string workstreamKey, string? taskKey, string? field, string? old, string? value, string? path) =>
        new() { Action = action, WorkstreamKey = workstreamKey, TaskKey = taskKey, Field = field, OldValue = old, NewValue = value, Path = path };

    private static string Flag(bool value) => value ? "true" : "false";
}
