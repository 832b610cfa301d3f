using StateHub.Application.Common.Abstractions;
using StateHub.Application.Workplans.Parsing;
using StateHub.Domain.Work;

namespace StateHub.Application.Workplans;

/// <summary>
/// The <c>blocked_by</c> of workplan tasks against the hub's task dependencies. A task whose file
/// states <c>blocked_by</c> (even <c>[]</c>) has exactly those task blockers: <c>T01</c> names a task
/// of the same workplan, <c>WP-KEY/T03</c> a task of another workstream of the same repo. A task
/// whose file leaves <c>blocked_by</c> out keeps the dependencies it has; dependencies on interface
/// changes and on tasks of other repos are the API's and never touched.
/// </summary>
internal static class WorkplanDependencies
{
    public static IReadOnlyList<DriftItem> Compare(WorkplanAnalysis analysis, IReadOnlyList<Workstream> hub, IReadOnlyList<TaskDependency> hubDependencies)
    {
        var drift = new List<DriftItem>();
        foreach (var declared in Declared(analysis, hub, hubDependencies, drift))
        {
            if (declared.HubTask is null)
                continue; // the task itself is missing_in_hub; a fix creates it with its blockers
            if (!declared.Wanted.SetEquals(declared.Current))
            {
                drift.Add(new DriftItem
                {
                    Kind = DriftKind.DependencyMismatch,
                    WorkstreamKey = declared.Plan.Key,
                    TaskKey = declared.Task.Key,
                    FileValue = Join(declared.Wanted),
                    HubValue = Join(declared.Current),
                    Path = declared.Plan.Path,
                });
            }
        }

        return drift;
    }

    /// <summary>Adds and removes dependencies so the hub matches the files; <paramref name="created"/> are workstreams the fix just created.</summary>
    /// <param name="pathsBack">
    /// For each task of another repo that a task of this repo waits on, the tasks of this repo it
    /// waits on in turn through other repos' tasks (<see cref="ITaskDependencyRepository.ListPathsBackIntoRepoAsync"/>):
    /// with them a cycle through another repo is refused like one inside the repo.
    /// </param>
    public static IReadOnlyList<WorkplanChange> Apply(
        WorkplanAnalysis analysis, IReadOnlyList<Workstream> hub, IReadOnlyList<Workstream> created,
        IReadOnlyList<TaskDependency> hubDependencies, IReadOnlyList<(Guid ForeignTaskId, Guid RepoTaskId)> pathsBack, ITaskDependencyRepository store)
    {
        var all = hub.Concat(created).ToList();
        var byName = Tasks(all);
        var changes = new List<WorkplanChange>();
        // The task graph as it will be, to refuse an edge that would close a cycle: the repo's own
        // edges, and where other repos' tasks lead back into it.
        var edges = hubDependencies.GroupBy(d => d.TaskId).ToDictionary(g => g.Key, g => g.Select(d => d.BlockedByTaskId!.Value).ToHashSet());
        foreach (var (foreign, repoTask) in pathsBack)
            (edges.TryGetValue(foreign, out var set) ? set : edges[foreign] = []).Add(repoTask);
        foreach (var declared in Declared(analysis, all, hubDependencies, []))
        {
            var task = byName.GetValueOrDefault(Name(declared.Plan.Key, declared.Task.Key));
            if (task is null || declared.Wanted.SetEquals(declared.Current))
                continue;
            var outgoing = edges.TryGetValue(task.Id, out var own) ? own : edges[task.Id] = [];
            var stale = hubDependencies.Where(d => d.TaskId == task.Id
                && declared.NameOf.TryGetValue(d.BlockedByTaskId!.Value, out var blockerName)
                && !declared.Wanted.Contains(blockerName));
            foreach (var dependency in stale)
            {
                store.Remove(dependency);
                outgoing.Remove(dependency.BlockedByTaskId!.Value);
            }

            var made = new SortedSet<string>(declared.Current.Intersect(declared.Wanted), StringComparer.Ordinal);
            foreach (var name in declared.Wanted.Except(declared.Current).Order(StringComparer.Ordinal))
            {
                var blocker = byName[name];
                if (Reaches(edges, blocker.Id, task.Id))
                    continue; // would close a cycle: left out, and the drift stays visible on the next sync
                store.Add(TaskDependency.OnTask(task.Id, blocker.Id));
                outgoing.Add(blocker.Id);
                made.Add(name);
            }

            changes.Add(new WorkplanChange
            {
                Action = WorkplanChangeAction.UpdatedTask,
                WorkstreamKey = declared.Plan.Key,
                TaskKey = declared.Task.Key,
                Field = "blocked_by",
                OldValue = Join(declared.Current),
                NewValue = Join(made),
                Path = declared.Plan.Path,
            });
        }

        return changes;
    }

    private sealed record DeclaredTask(ParsedWorkplan Plan, ParsedTask Task, WorkTask? HubTask, HashSet<string> Wanted, HashSet<string> Current, IReadOnlyDictionary<Guid, string> NameOf);

    private static IEnumerable<DeclaredTask> Declared(WorkplanAnalysis analysis, IReadOnlyList<Workstream> hub, IReadOnlyList<TaskDependency> hubDependencies, List<DriftItem> drift)
    {
        var hubByName = Tasks(hub);
        var nameOf = hubByName.ToDictionary(p => p.Value.Id, p => p.Key);
        var fileNames = analysis.Workplans.SelectMany(p => p.Tasks.Select(t => Name(p.Key, t.Key))).ToHashSet(StringComparer.Ordinal);
        foreach (var plan in analysis.Workplans)
        {
            foreach (var task in plan.Tasks.Where(t => t.BlockedBy is not null))
            {
                var wanted = new HashSet<string>(StringComparer.Ordinal);
                foreach (var reference in task.BlockedBy!)
                {
                    var name = reference.Contains('/') ? reference : Name(plan.Key, reference);
                    if (fileNames.Contains(name) || hubByName.ContainsKey(name))
                        wanted.Add(name);
                    else
                        drift.Add(DriftItem.Invalid(plan.Path, task.Line, $"'blocked_by' of task {task.Key} names '{reference}', which is no task of this repo's workplans or hub", plan.Key, task.Key));
                }

                var hubTask = hubByName.GetValueOrDefault(Name(plan.Key, task.Key));
                var current = hubTask is null
                    ? new HashSet<string>(StringComparer.Ordinal)
                    : hubDependencies
                        .Where(d => d.TaskId == hubTask.Id && nameOf.ContainsKey(d.BlockedByTaskId!.Value))
                        .Select(d => nameOf[d.BlockedByTaskId!.Value])
                        .ToHashSet(StringComparer.Ordinal);
                yield return new DeclaredTask(plan, task, hubTask, wanted, current, nameOf);
            }
        }
    }

    private static Dictionary<string, WorkTask> Tasks(IEnumerable<Workstream> workstreams)
    {
        var tasks = new Dictionary<string, WorkTask>(StringComparer.Ordinal);
        foreach (var workstream in workstreams)
        {
            foreach (var task in workstream.Tasks)
                tasks.TryAdd(Name(workstream.Key, task.Key), task);
        }

        return tasks;
    }

    private static bool Reaches(Dictionary<Guid, HashSet<Guid>> edges, Guid from, Guid to)
    {
        var seen = new HashSet<Guid>();
        var stack = new Stack<Guid>([from]);
        while (stack.TryPop(out var node))
        {
            if (node == to)
                return true;
            if (!seen.Add(node) || !edges.TryGetValue(node, out var next))
                continue;
            foreach (var n in next)
                stack.Push(n);
        }

        return false;
    }

    private static string Name(string workstreamKey, string taskKey) => $"{workstreamKey}/{taskKey}";

    private static string Join(IEnumerable<string> names) => string.Join(", ", names.Order(StringComparer.Ordinal));
}
