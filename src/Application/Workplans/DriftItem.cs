using System.Text.Json.Serialization;

namespace StateHub.Application.Workplans;

/// <summary>How the workplan files and the hub disagree. On the wire: <c>missing_in_hub</c>, <c>status_mismatch</c>, ...</summary>
public enum DriftKind
{
    /// <summary>A workstream or task listed in a file does not exist in the hub.</summary>
    MissingInHub,

    /// <summary>The file and the hub give a workstream or task different statuses.</summary>
    StatusMismatch,

    /// <summary>The file and the hub give a workstream or task different titles.</summary>
    TitleMismatch,

    /// <summary>The hub holds a workstream or task that came from a workplan file which no longer lists it.</summary>
    OrphanInHub,

    /// <summary>A workplan file that could not be read or parsed, or that contradicts another file.</summary>
    InvalidFile,

    /// <summary>A task's <c>blocked_by</c> in its file and its task dependencies in the hub differ.</summary>
    DependencyMismatch,
}

/// <summary>One difference between the workplan files and the hub.</summary>
public sealed record DriftItem
{
    public DriftKind Kind { get; init; }

    /// <summary>The workstream concerned (the file's <c>id</c>), when known.</summary>
    public string? WorkstreamKey { get; init; }

    /// <summary>The task concerned, for task-level items.</summary>
    public string? TaskKey { get; init; }

    /// <summary>What the file says (a status or title), when the item compares values.</summary>
    public string? FileValue { get; init; }

    /// <summary>What the hub holds (a status or title), when the item compares values.</summary>
    public string? HubValue { get; init; }

    /// <summary>The workplan file, relative to the repo root.</summary>
    public string? Path { get; init; }

    /// <summary>The 1-based line in the file, for <c>invalid_file</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Line { get; init; }

    /// <summary>Why the file is invalid or an item could not be acted on.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Reason { get; init; }

    public static DriftItem Invalid(string path, int? line, string reason, string? workstreamKey = null, string? taskKey = null) =>
        new() { Kind = DriftKind.InvalidFile, Path = path, Line = line, Reason = reason, WorkstreamKey = workstreamKey, TaskKey = taskKey };
}
