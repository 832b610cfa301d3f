using StateHub.Domain.Work;

namespace StateHub.Application.Workplans.Parsing;

/// <summary>A valid workplan file: one workstream and its tasks, as the file states them. <see cref="Line"/> is the line of its <c>id</c>.</summary>
public sealed record ParsedWorkplan(string Path, string Key, string Title, WorkstreamStatus Status, IReadOnlyList<ParsedTask> Tasks, int Line);

/// <summary>
/// A task of a workplan file. <see cref="Priority"/>, <see cref="NeedsHuman"/> and
/// <see cref="BlockedBy"/> are null when the file leaves them out. <see cref="BlockedBy"/> holds task
/// references as written: <c>T01</c> (a task of the same workplan) or <c>WP-KEY/T03</c> (a task of
/// another workstream of the same repo).
/// </summary>
public sealed record ParsedTask(string Key, string Title, WorkTaskStatus Status, int? Priority, bool? NeedsHuman, int Line, IReadOnlyList<string>? BlockedBy = null);

/// <summary>
/// The outcome of parsing one file: a workplan when the file is valid, otherwise the problems
/// (each an <c>invalid_file</c> item). <see cref="DeclaredKey"/> is the file's <c>id</c> whenever
/// it could be read, so an invalid file still shields its workstream from being taken for an orphan.
/// </summary>
public sealed record WorkplanParseResult(string Path, ParsedWorkplan? Workplan, string? DeclaredKey, IReadOnlyList<DriftItem> Problems)
{
    public bool IsValid => Workplan is not null;
}
