using StateHub.Application.Workplans.Parsing;
using StateHub.Domain.Common;
using StateHub.Domain.Work;

namespace StateHub.Application.Workplans;

/// <summary>
/// Compares workplan files with the hub. The files are the source of truth. Rules:
/// <list type="bullet">
/// <item>A valid file's workstream and each of its tasks must exist in the hub (<c>missing_in_hub</c>)
/// with the file's status and title (<c>status_mismatch</c>, <c>title_mismatch</c>). A task claimed
/// through the hub (in_progress with a claim) agrees with a file that still says todo
/// (<see cref="WorkTask.AgreesWithWorkplan"/>): a sync never takes a claim back.</item>
/// <item>A hub task of a workstream some file declares is an <c>orphan_in_hub</c> when that file no
/// longer lists it and it is not already cancelled.</item>
/// <item>A hub workstream is an <c>orphan_in_hub</c> only when it came from a file (its
/// <c>source_path</c> is set), it is not already archived, and no file declares its key. Workstreams
/// created through the API without a file are the hub's own and never orphans.</item>
/// <item>An invalid file, and a workstream id declared by several files, shield the workstreams they
/// name (by id or by <c>source_path</c>) from being taken for orphans: nothing is guessed from them.
/// A workplans folder that could not be listed shields every workstream.</item>
/// </list>
/// Priority and <c>needs_human</c> are not drift; a fix applies them when the file states them.
/// </summary>
internal sealed class WorkplanConsistencyEngine : IWorkplanConsistencyEngine
{
    /// <summary><see cref="Compare(WorkplanSourceSet, IReadOnlyList{Workstream})"/> of files that were all read.</summary>
    public IReadOnlyList<DriftItem> Compare(IReadOnlyList<WorkplanSource> files, IReadOnlyList<Workstream> hubWorkstreams) =>
        Analyse(files, hubWorkstreams).Drift;

    public IReadOnlyList<DriftItem> Compare(WorkplanSourceSet sources, IReadOnlyList<Workstream> hubWorkstreams) =>
        Analyse(sources, hubWorkstreams).Drift;

    /// <summary><see cref="Analyse(WorkplanSourceSet, IReadOnlyList{Workstream})"/> of files that were all read.</summary>
    public WorkplanAnalysis Analyse(IReadOnlyList<WorkplanSource> files, IReadOnlyList<Workstream> hubWorkstreams) =>
        Analyse(new WorkplanSourceSet(files, []), hubWorkstreams);

    /// <summary>
    /// A README beside the workplans documents them and is not one: a <c>README.md</c> without
    /// front matter is skipped rather than reported as an invalid workplan on every sync.
    /// </summary>
    public static bool IsDocumentation(WorkplanSource file) =>
        string.Equals(Path.GetFileName(file.Path), "README.md", StringComparison.OrdinalIgnoreCase)
        && !file.Content.TrimStart('\uFEFF').StartsWith("---", StringComparison.Ordinal);

    public WorkplanAnalysis Analyse(WorkplanSourceSet sources, IReadOnlyList<Workstream> hubWorkstreams)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(hubWorkstreams);
        var results = new List<WorkplanParseResult>();
        var seenPaths = new HashSet<string>(StringComparer.Ordinal);
        foreach (var unreadable in sources.Unreadable.Where(u => u.Path is not null))
        {
            seenPaths.Add(unreadable.Path!);
            results.Add(new WorkplanParseResult(unreadable.Path!, null, unreadable.WorkstreamKey, [unreadable]));
        }

        foreach (var file in sources.Files.Where(f => !IsDocumentation(f)).OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            var result = seenPaths.Add(file.Path)
                ? WorkplanParser.Parse(file)
                : new WorkplanParseResult(file.Path, null, null, [DriftItem.Invalid(file.Path, null, "the same path was given more than once")]);
            results.Add(result);
        }

        // Shielded from orphan detection: whatever an invalid or contested file names.
        var shieldedKeys = new HashSet<string>(StringComparer.Ordinal);
        var shieldedPaths = new HashSet<string>(StringComparer.Ordinal);
        foreach (var invalid in results.Where(r => !r.IsValid))
        {
            shieldedPaths.Add(invalid.Path);
            if (invalid.DeclaredKey is not null)
                shieldedKeys.Add(invalid.DeclaredKey);
        }

        var declaredBy = results.Where(r => r.IsValid)
            .GroupBy(r => r.Workplan!.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(r => r.Path).ToList(), StringComparer.Ordinal);

        var hubByKey = hubWorkstreams
            .GroupBy(w => w.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        var workplans = new List<ParsedWorkplan>();
        var drift = new List<DriftItem>();
        foreach (var result in results.OrderBy(r => r.Path, StringComparer.Ordinal))
        {
            if (!result.IsValid)
            {
                drift.AddRange(result.Problems);
                continue;
            }

            var plan = result.Workplan!;
            var paths = declaredBy[plan.Key];
            if (paths.Count > 1)
            {
                shieldedKeys.Add(plan.Key);
                shieldedPaths.Add(plan.Path);
                var others = string.Join(", ", paths.Where(p => p != plan.Path));
                drift.Add(DriftItem.Invalid(plan.Path, plan.Line, $"workstream id '{plan.Key}' is also declared in {others}; each workstream must have exactly one workplan file", plan.Key));
                continue;
            }

            workplans.Add(plan);
            drift.AddRange(CompareWorkplan(plan, hubByKey.GetValueOrDefault(plan.Key)));
        }

        var listedKeys = workplans.Select(w => w.Key).ToHashSet(StringComparer.Ordinal);
        drift.AddRange(hubWorkstreams
            .Where(w => w.SourcePath is not null
                && !sources.FolderUnreadable
                && w.Status != WorkstreamStatus.Archived
                && !listedKeys.Contains(w.Key)
                && !shieldedKeys.Contains(w.Key)
                && !shieldedPaths.Contains(w.SourcePath))
            .OrderBy(w => w.Key, StringComparer.Ordinal)
            .Select(w => new DriftItem
            {
                Kind = DriftKind.OrphanInHub,
                WorkstreamKey = w.Key,
                HubValue = EnumWire.Name(w.Status),
                Path = w.SourcePath,
                Reason = results.Any(r => r.Path == w.SourcePath)
                    ? "its workplan file no longer declares it"
                    : "its workplan file is gone",
            }));

        return new WorkplanAnalysis(drift, workplans);
    }

    private static IEnumerable<DriftItem> CompareWorkplan(ParsedWorkplan plan, Workstream? hub)
    {
        if (hub is null)
        {
            yield return new DriftItem { Kind = DriftKind.MissingInHub, WorkstreamKey = plan.Key, FileValue = EnumWire.Name(plan.Status), Path = plan.Path };
            foreach (var task in plan.Tasks)
                yield return new DriftItem { Kind = DriftKind.MissingInHub, WorkstreamKey = plan.Key, TaskKey = task.Key, FileValue = EnumWire.Name(task.Status), Path = plan.Path };
            yield break;
        }

        if (hub.Status != plan.Status)
            yield return new DriftItem { Kind = DriftKind.StatusMismatch, WorkstreamKey = plan.Key, FileValue = EnumWire.Name(plan.Status), HubValue = EnumWire.Name(hub.Status), Path = plan.Path };
        if (!string.Equals(hub.Title, plan.Title, StringComparison.Ordinal))
            yield return new DriftItem { Kind = DriftKind.TitleMismatch, WorkstreamKey = plan.Key, FileValue = plan.Title, HubValue = hub.Title, Path = plan.Path };

        var hubTasks = hub.Tasks
            .GroupBy(t => t.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var task in plan.Tasks)
        {
            if (!hubTasks.TryGetValue(task.Key, out var hubTask))
            {
                yield return new DriftItem { Kind = DriftKind.MissingInHub, WorkstreamKey = plan.Key, TaskKey = task.Key, FileValue = EnumWire.Name(task.Status), Path = plan.Path };
                continue;
            }

            if (!hubTask.AgreesWithWorkplan(task.Status))
                yield return new DriftItem { Kind = DriftKind.StatusMismatch, WorkstreamKey = plan.Key, TaskKey = task.Key, FileValue = EnumWire.Name(task.Status), HubValue = EnumWire.Name(hubTask.Status), Path = plan.Path };
            if (!string.Equals(hubTask.Title, task.Title, StringComparison.Ordinal))
                yield return new DriftItem { Kind = DriftKind.TitleMismatch, WorkstreamKey = plan.Key, TaskKey = task.Key, FileValue = task.Title, HubValue = hubTask.Title, Path = plan.Path };
        }

        var listed = plan.Tasks.Select(t => t.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var orphan in hub.Tasks
                     .Where(t => !listed.Contains(t.Key) && t.Status != WorkTaskStatus.Cancelled)
                     .OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            yield return new DriftItem
            {
                Kind = DriftKind.OrphanInHub,
                WorkstreamKey = plan.Key,
                TaskKey = orphan.Key,
                HubValue = EnumWire.Name(orphan.Status),
                Path = plan.Path,
                Reason = "the workplan file no longer lists this task",
            };
        }
    }
}
