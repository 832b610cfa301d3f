using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using FluentValidation;
using MediatR;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Exceptions;
using StateHub.Application.Common.Messaging;
using StateHub.Application.Common.Security;
using StateHub.Application.Common.Serialization;
using StateHub.Application.Common.Telemetry;
using StateHub.Domain.Common;
using StateHub.Domain.Events;
using StateHub.Domain.Repos;
using StateHub.Domain.Work;

namespace StateHub.Application.Workplans.Commands.SyncRepo;

/// <summary>
/// Compares a repo's workplan files with the hub and, with <see cref="Fix"/>, makes the hub match
/// them in this command's transaction. The files come from <see cref="Files"/> when sent (the
/// whole set: a file-sourced workstream missing from it counts as an orphan), otherwise from the
/// repo's directory on this host. Nothing from the repo is ever executed.
/// </summary>
public sealed record SyncRepoCommand : ICommand<SyncReportDto>, IRepoScopedRequest
{
    string IRepoScopedRequest.RepoSlug => Slug;

    public const string ProgressEventKind = "workplan_sync";

    [JsonIgnore]
    public string Slug { get; init; } = null!;

    [JsonIgnore]
    public bool Fix { get; init; } = true;

    /// <summary>Every workplan file of the repo, for hosts that cannot read it; omit to read the repo's directory on this host.</summary>
    public IReadOnlyList<WorkplanFileInput>? Files { get; init; }
}

/// <summary>A pushed workplan file.</summary>
public sealed record WorkplanFileInput
{
    /// <summary>Relative to the repo root, directly under <c>workplans/</c>, ending in <c>.md</c>, e.g. <c>workplans/registry.md</c>.</summary>
    public string Path { get; init; } = null!;

    /// <summary>The file's full text (UTF-8), front matter first.</summary>
    public string Content { get; init; } = null!;
}

public sealed class SyncRepoCommandValidator : AbstractValidator<SyncRepoCommand>
{
    public SyncRepoCommandValidator()
    {
        When(c => c.Files is not null, () =>
        {
            RuleFor(c => c.Files!.Count)
                .LessThanOrEqualTo(WorkplanLimits.MaxFiles)
                .OverridePropertyName("files")
                .WithMessage($"At most {WorkplanLimits.MaxFiles} workplan files can be sent at once.");
            RuleFor(c => c.Files)
                .Must(files => files!.Where(f => f?.Content is not null).Sum(f => (long)Encoding.UTF8.GetByteCount(f.Content)) <= WorkplanLimits.MaxTotalBytes)
                .WithMessage($"The workplan files may hold at most {WorkplanLimits.MaxTotalBytes} bytes together.")
                .Must(files => files!.Where(f => f?.Path is not null).GroupBy(f => f.Path, StringComparer.Ordinal).All(g => g.Count() == 1))
                .WithMessage("Each path may be sent only once.");
            RuleForEach(c => c.Files).NotNull().WithMessage("A file entry must be an object with path and content.").ChildRules(file =>
            {
                file.RuleFor(f => f.Path)
                    .NotEmpty()
                    .MaximumLength(WorkplanLimits.MaxPathLength)
                    .Must(path => path is null || WorkplanPaths.IsWorkplanPath(path))
                    .WithMessage(WorkplanPaths.Rule);
                // A file over the per-file limit is an invalid_file item (see the handler), as on disk.
                file.RuleFor(f => f.Content).NotNull();
            });
        });
    }
}

internal sealed class SyncRepoCommandHandler(
    IRepoRepository repos,
    IWorkstreamRepository workplans,
    IWorkplanSourceReader sourceReader,
    IWorkplanConsistencyEngine engine,
    ITaskDependencyRepository dependencies,
    IHostIdentity host,
    TimeProvider clock) : ICommandHandler<SyncRepoCommand, SyncReportDto>
{
    public async Task<Func<SyncReportDto>> Handle(SyncRepoCommand request, CancellationToken cancellationToken)
    {
        // Syncs of one repo that fix take turns: each compares the files with what the previous one
        // committed, instead of two creating the same new workstream (a unique-key 409 for the second).
        if (request.Fix)
            await repos.LockBySlugAsync(request.Slug, cancellationToken);
        var repo = await repos.GetRequiredBySlugAsync(request.Slug, cancellationToken);

        var (kind, sources) = request.Files is { } pushed
            ? (WorkplanSourceKind.Body, Pushed(pushed))
            : (WorkplanSourceKind.Disk, sourceReader.ReadFromDisk(repo) ?? throw NoReadablePath(repo));

        var hub = await workplans.ListWithTasksAsync(repo.Id, cancellationToken);
        var analysis = engine.Analyse(sources, hub);
        var declaresBlockers = analysis.Workplans.Any(p => p.Tasks.Any(t => t.BlockedBy is not null));
        if (request.Fix)
        {
            // The tasks whose status the fix changes are locked and read again first, as a claim
            // locks its task: a claim committed since the first read is seen (and kept, see
            // WorkTask.AgreesWithWorkplan), and one made from now on waits for this sync.
            if (TasksWhoseStatusChanges(analysis, hub) is { Count: > 0 } touched)
            {
                await workplans.LockTasksAsync(touched, cancellationToken);
                analysis = engine.Analyse(sources, hub);
                // A lapsed claim the fix ends is told to the repo, as the sweep would have.
                var now = clock.GetUtcNow();
                foreach (var task in TasksWhoseStatusChanges(analysis, hub))
                    task.AnnounceLapsedClaim(now);
            }

            // Dependencies change one at a time hub-wide (as POST /tasks/{id}/dependencies does),
            // so this sync and a concurrent addition cannot together close a cycle.
            if (declaresBlockers)
                await dependencies.LockGraphAsync(cancellationToken);
        }

        var hubDependencies = await dependencies.ListTaskBlockersOfRepoAsync(repo.Id, cancellationToken);
        analysis = analysis with { Drift = [.. analysis.Drift, .. WorkplanDependencies.Compare(analysis, hub, hubDependencies)] };
        foreach (var group in analysis.Drift.GroupBy(d => d.Kind))
            StateHubMetrics.SyncDriftDetected(NamingConventions.ToSnakeCase(group.Key.ToString()), group.Count());

        IReadOnlyList<WorkplanChange> changes = [];
        if (request.Fix)
        {
            var pathsBack = declaresBlockers ? await PathsBackIntoRepoAsync(repo.Id, hub, hubDependencies, cancellationToken) : [];
            var created = new List<Workstream>();
            changes = [.. WorkplanFixer.Apply(repo.Id, analysis, hub, workplans, created),
                .. WorkplanDependencies.Apply(analysis, hub, created, hubDependencies, pathsBack, dependencies)];
            repo.RecordWorkplanSync(clock.GetUtcNow(), Summary(kind, sources.Count, analysis, changes), Data(kind, sources.Count, analysis, changes));
        }

        StateHubMetrics.SyncDriftCorrected(changes.Count);
        return () => new SyncReportDto
        {
            RepoSlug = repo.Slug,
            Fix = request.Fix,
            Source = kind,
            FilesChecked = sources.Count,
            Drift = analysis.Drift,
            Changes = changes,
            InSync = analysis.InSync,
            LastStateSyncedAt = repo.LastStateSyncedAt,
        };
    }

    /// <summary>
    /// The pushed files as the disk reader would have read them: one over the per-file limit is an
    /// invalid_file item, not parsed, and never stops the others (the whole body has its own limit).
    /// </summary>
    private static WorkplanSourceSet Pushed(IReadOnlyList<WorkplanFileInput> files)
    {
        var readable = new List<WorkplanSource>();
        var tooBig = new List<DriftItem>();
        foreach (var file in files)
        {
            var bytes = Encoding.UTF8.GetByteCount(file.Content);
            if (bytes > WorkplanLimits.MaxFileBytes)
                tooBig.Add(DriftItem.Invalid(file.Path, null, $"the file is {bytes} bytes, over the {WorkplanLimits.MaxFileBytes}-byte limit"));
            else
                readable.Add(new WorkplanSource(file.Path, file.Content));
        }

        return new WorkplanSourceSet(readable, tooBig);
    }

    /// <summary>The hub tasks a fix would move to another status: status mismatches and orphans to cancel.</summary>
    private static List<WorkTask> TasksWhoseStatusChanges(WorkplanAnalysis analysis, IReadOnlyList<Workstream> hub)
    {
        var byKey = hub.GroupBy(w => w.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        return analysis.Drift
            .Where(d => d.TaskKey is not null && d.WorkstreamKey is not null && d.Kind is DriftKind.StatusMismatch or DriftKind.OrphanInHub)
            .Select(d => byKey.GetValueOrDefault(d.WorkstreamKey!)?.Tasks.FirstOrDefault(t => t.Key == d.TaskKey))
            .OfType<WorkTask>()
            .Distinct()
            .ToList();
    }

    /// <summary>Where the other repos' tasks this repo's tasks wait on lead back into the repo (for the cycle check).</summary>
    private async Task<IReadOnlyList<(Guid ForeignTaskId, Guid RepoTaskId)>> PathsBackIntoRepoAsync(
        Guid repoId, IReadOnlyList<Workstream> hub, IReadOnlyList<TaskDependency> hubDependencies, CancellationToken cancellationToken)
    {
        var own = hub.SelectMany(w => w.Tasks).Select(t => t.Id).ToHashSet();
        var foreign = hubDependencies.Select(d => d.BlockedByTaskId!.Value).Where(id => !own.Contains(id)).Distinct().ToList();
        return await dependencies.ListPathsBackIntoRepoAsync(repoId, foreign, cancellationToken);
    }

    /// <summary>How long a client should wait before retrying a sync that had no readable path: an hour, since only a person or an agent can fix it.</summary>
    public static readonly TimeSpan NoReadablePathRetryAfter = TimeSpan.FromHours(1);

    private ServiceUnavailableException NoReadablePath(ManagedRepo repo)
    {
        var hostName = host.HostName;
        var path = repo.PathOnHost(hostName);
        var why = path is null
            ? $"no path is registered for host '{hostName}' and the repo has no local_path"
            : $"the path '{path}' known for host '{hostName}' is not a readable directory here";
        // 503 as the Python service answers, but not a passing outage: retrying the same request
        // cannot succeed until someone registers a path or pushes the files, and the detail and a
        // long Retry-After say so, so that clients that honour Retry-After do not hammer the hub.
        // The first two sentences are the Python service's detail, word for word (its clients match on them).
        return new ServiceUnavailableException(
            $"No accessible path for repo '{repo.Slug}' on host '{hostName}'. Register with: POST /repos/{repo.Slug}/paths/ " +
            $"and the body {{\"host\": \"{hostName}\", \"path\": \"/absolute/path/to/{repo.Slug}\"}}, " +
            "or send the workplan files in the request body: {\"files\": [{\"path\": \"workplans/<name>.md\", \"content\": \"...\"}]}. " +
            $"Here {why}; retrying this request will not help until then.",
            NoReadablePathRetryAfter);
    }

    private static string Summary(WorkplanSourceKind kind, int files, WorkplanAnalysis analysis, IReadOnlyList<WorkplanChange> changes)
    {
        var source = kind == WorkplanSourceKind.Disk ? "disk" : "pushed files";
        var drift = analysis.InSync ? "in sync" : $"{analysis.Drift.Count} drift item{(analysis.Drift.Count == 1 ? "" : "s")}";
        return $"Workplan sync from {source}: {files} file{(files == 1 ? "" : "s")}, {drift}, {changes.Count} change{(changes.Count == 1 ? "" : "s")} made.";
    }

    private static string Data(WorkplanSourceKind kind, int files, WorkplanAnalysis analysis, IReadOnlyList<WorkplanChange> changes) =>
        JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["source"] = EnumWire.Name(kind),
            ["files_checked"] = files,
            ["drift_count"] = analysis.Drift.Count,
            ["drift_by_kind"] = analysis.Drift
                .GroupBy(d => EnumWire.Name(d.Kind))
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Count()),
            ["change_count"] = changes.Count,
            ["changes_by_action"] = changes
                .GroupBy(c => EnumWire.Name(c.Action))
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Count()),
            ["invalid_files"] = analysis.Drift.Where(d => d.Kind == DriftKind.InvalidFile).Select(d => d.Path).Distinct().Take(50).ToList(),
        });
}
