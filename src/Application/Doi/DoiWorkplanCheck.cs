using StateHub.Application.Common.Abstractions;
using StateHub.Application.Workplans;
using StateHub.Domain.Work;

namespace StateHub.Application.Doi;

/// <summary>
/// Compares a repo's workplan files (from its directory, else from its facts report) with the
/// hub's workstreams through the workplan consistency engine, and words the outcome for C7 and C13:
/// missing, status-mismatched and invalid files are disagreements (C7), orphans are C13's.
/// Title differences are not DoI failures: C7 asks for existence and status only.
/// </summary>
public sealed class DoiWorkplanCheck(IWorkplanSourceReader reader, IWorkplanConsistencyEngine engine)
{
    public WorkplanConsistency? Check(DoiSnapshot snapshot, DoiRepoInputs inputs, IReadOnlyList<Workstream> workstreams)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(inputs);
        switch (snapshot.DiskFactsSource)
        {
            case DoiDiskFactsSource.Directory:
            {
                var set = reader.ReadFromDisk(inputs.Repo);
                if (set is null)
                    return new WorkplanConsistency(0, ["the repo directory could not be read when the workplan files were compared; ask again"], []);
                // The engine shields an unreadable file's workstreams from being taken for orphans;
                // C7 names the unreadable files first.
                var drift = engine.Compare(set, workstreams)
                    .OrderBy(d => !set.Unreadable.Contains(d))
                    .ToList();
                return Describe(set.Count, drift);
            }

            case DoiDiskFactsSource.FactsReport:
            {
                // A report stored before facts took only workplan paths may hold others: a sync would
                // refuse them, so C7 names them (and how to report again) instead of asking for them.
                var files = DoiJson.DeserializeWorkplans(snapshot.Report!.WorkplanFilesJson);
                var set = new WorkplanSourceSet(
                    files.Where(f => WorkplanPaths.IsWorkplanPath(f.Path)).ToList(),
                    files.Where(f => !WorkplanPaths.IsWorkplanPath(f.Path))
                        .Select(f => DriftItem.Invalid(f.Path, null, $"not a workplan file (workplans/<name>.md), so no sync can take it; report the facts again without it: PUT /repos/{inputs.Repo.Slug}/facts"))
                        .ToList());
                return Describe(set.Count, engine.Compare(set, workstreams));
            }

            default:
                return null;
        }
    }

    public static WorkplanConsistency Describe(int fileCount, IReadOnlyList<DriftItem> drift)
    {
        var disagreements = new List<string>();
        var orphans = new List<string>();
        foreach (var item in drift)
        {
            var what = Name(item);
            switch (item.Kind)
            {
                case DriftKind.MissingInHub:
                    disagreements.Add($"{what} (in {item.Path}) is missing in the hub");
                    break;
                case DriftKind.StatusMismatch:
                    disagreements.Add($"{what} is '{item.FileValue}' in {item.Path} but '{item.HubValue}' in the hub");
                    break;
                case DriftKind.InvalidFile:
                    disagreements.Add($"{item.Path}{(item.Line is { } line ? $" line {line}" : string.Empty)} is invalid: {item.Reason}");
                    break;
                case DriftKind.OrphanInHub:
                    orphans.Add($"{what} ('{item.HubValue}' in the hub): {item.Reason ?? "no workplan file lists it"}");
                    break;
                case DriftKind.TitleMismatch:
                    break;
            }
        }

        return new WorkplanConsistency(fileCount, disagreements, orphans);
    }

    private static string Name(DriftItem item) =>
        item.TaskKey is null ? $"workstream {item.WorkstreamKey}" : $"task {item.WorkstreamKey}/{item.TaskKey}";
}
