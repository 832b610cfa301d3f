using StateHub.Application.Workplans.Parsing;

namespace StateHub.Application.Workplans;

/// <summary>
/// What the engine found: the drift, and the valid workplans it compared (in path order). Files that
/// are invalid, or whose workstream id another file also declares, are not among
/// <see cref="Workplans"/>: a fix never acts on them.
/// </summary>
public sealed record WorkplanAnalysis(IReadOnlyList<DriftItem> Drift, IReadOnlyList<ParsedWorkplan> Workplans)
{
    public bool InSync => Drift.Count == 0;
}
