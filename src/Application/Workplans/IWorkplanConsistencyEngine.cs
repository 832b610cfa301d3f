using StateHub.Domain.Work;

namespace StateHub.Application.Workplans;

/// <summary>Pure: parses the files and compares them with the hub's workstreams (Tasks loaded). No I/O.</summary>
public interface IWorkplanConsistencyEngine
{
    /// <summary>
    /// The drift between a repo's files (as read from disk or pushed) and the hub's workstreams (all of
    /// one repo, tasks loaded), in a stable order: the unreadable files are <c>invalid_file</c> items,
    /// and the workstreams they came from are not taken for orphans.
    /// </summary>
    IReadOnlyList<DriftItem> Compare(WorkplanSourceSet sources, IReadOnlyList<Workstream> hubWorkstreams);

    /// <summary>As <see cref="Compare"/>, with the parsed workplans the drift was computed from (what a fix applies).</summary>
    WorkplanAnalysis Analyse(WorkplanSourceSet sources, IReadOnlyList<Workstream> hubWorkstreams);
}
