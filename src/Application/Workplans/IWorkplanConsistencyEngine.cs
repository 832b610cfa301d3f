using StateHub.Domain.Work;

namespace StateHub.Application.Workplans;

/// <summary>Pure: parses the files and compares them with the hub's workstreams (Tasks loaded). No I/O.</summary>
public interface IWorkplanConsistencyEngine
{
    /// <summary>The drift between <paramref name="files"/> and <paramref name="hubWorkstreams"/> (all of one repo, tasks loaded), in a stable order.</summary>
    IReadOnlyList<DriftItem> Compare(IReadOnlyList<WorkplanSource> files, IReadOnlyList<Workstream> hubWorkstreams);

    /// <summary>As <see cref="Compare"/>, with the parsed workplans the drift was computed from (what a fix applies).</summary>
    WorkplanAnalysis Analyse(IReadOnlyList<WorkplanSource> files, IReadOnlyList<Workstream> hubWorkstreams);
}
