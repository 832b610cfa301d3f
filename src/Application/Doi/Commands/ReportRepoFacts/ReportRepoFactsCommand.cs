using System.Text;
using System.Text.Json.Serialization;
using FluentValidation;
using MediatR;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Messaging;
using StateHub.Application.Common.Security;
using StateHub.Application.Workplans;
using StateHub.Domain.Repos;

namespace StateHub.Application.Doi.Commands.ReportRepoFacts;

/// <summary>
/// An agent's report of its repo's disk facts, for hubs that cannot read the repo directory. It
/// replaces the repo's previous report; DoI uses it whenever the directory is not readable.
/// </summary>
public sealed record ReportRepoFactsCommand : ICommand<RepoFactsDto>, IRepoScopedRequest
{
    string IRepoScopedRequest.RepoSlug => Slug;

    [JsonIgnore]
    public string Slug { get; init; } = null!;

    /// <summary>
    /// Files and folders present at the repo root (e.g. "README.md", "AGENTS.md", "workplans"); CI files
    /// below the root are listed by path (".ci/run", ".github/workflows/ci.yml").
    /// </summary>
    public IReadOnlyList<string>? RootFiles { get; init; }

    /// <summary>The workplan files (workplans/*.md) with their contents.</summary>
    public IReadOnlyList<ReportedWorkplanFile>? WorkplanFiles { get; init; }

    /// <summary>The root commit (<c>git rev-list --max-parents=0 HEAD</c>): 40 or 64 hex digits.</summary>
    public string? RootCommit { get; init; }

    /// <summary>When the agent collected these facts; the time the hub receives them when absent.</summary>
    public DateTimeOffset? CollectedAt { get; init; }
}

/// <summary>One pushed workplan file.</summary>
public sealed record ReportedWorkplanFile
{
    /// <summary>Repo-relative path, e.g. "workplans/CUST-WP-0033.md".</summary>
    public string Path { get; init; } = null!;

    public string Content { get; init; } = null!;
}

/// <summary>The stored facts report of a repo.</summary>
public sealed record RepoFactsDto
{
    public string RepoSlug { get; init; } = null!;

    public IReadOnlyList<string> RootFiles { get; init; } = [];

    public IReadOnlyList<ReportedWorkplanFile> WorkplanFiles { get; init; } = [];

    public string? RootCommit { get; init; }

    public DateTimeOffset CollectedAt { get; init; }

    public DateTimeOffset ReceivedAt { get; init; }
}

public sealed class ReportRepoFactsCommandValidator : AbstractValidator<ReportRepoFactsCommand>
{
    /// <summary>How far in the future collected_at may lie, for clocks that disagree.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromHours(1);

    public ReportRepoFactsCommandValidator(TimeProvider time)
    {
        RuleFor(c => c.RootFiles)
            .Must(f => f is null || f.Count <= RepoFactsReport.MaxRootFiles)
            .WithMessage($"'root_files' may list at most {RepoFactsReport.MaxRootFiles} entries.");
        RuleForEach(c => c.RootFiles)
            .Must(IsSafeRelativePath)
            .WithMessage($"Each root_files entry must be a non-empty path relative to the repo root, without '..', at most {RepoFactsReport.MaxPathLength} characters.");

        RuleFor(c => c.WorkplanFiles)
            .Must(f => f is null || f.Count <= WorkplanLimits.MaxFiles)
            .WithMessage($"'workplan_files' may hold at most {WorkplanLimits.MaxFiles} files.")
            .Must(f => f is null || f.Where(x => x?.Content is not null).Sum(x => (long)Encoding.UTF8.GetByteCount(x.Content)) <= WorkplanLimits.MaxTotalBytes)
            .WithMessage($"'workplan_files' may hold at most {WorkplanLimits.MaxTotalBytes} bytes in all.")
            .Must(f => f is null || f.Where(x => x?.Path is not null).GroupBy(x => x.Path, StringComparer.Ordinal).All(g => g.Count() == 1))
            .WithMessage("Each workplan file path may appear only once.");
        RuleForEach(c => c.WorkplanFiles).NotNull().ChildRules(file =>
        {
            // The sync's rule: C7 asks for every file reported here, so each must be one a sync takes.
            file.RuleFor(f => f.Path)
                .NotEmpty()
                .MaximumLength(WorkplanLimits.MaxPathLength)
                .Must(path => path is null || WorkplanPaths.IsWorkplanPath(path))
                .WithMessage(WorkplanPaths.Rule);
            file.RuleFor(f => f.Content)
                .NotNull()
                .Must(c => c is null || Encoding.UTF8.GetByteCount(c) <= WorkplanLimits.MaxFileBytes)
                .WithMessage($"'content' may be at most {WorkplanLimits.MaxFileBytes} bytes.");
        });

        RuleFor(c => c.RootCommit)
            .Must(c => string.IsNullOrWhiteSpace(c) || RepoFactsReport.IsCommitId(c.Trim()))
            .WithMessage("'root_commit' must be a commit id: 40 (SHA-1) or 64 (SHA-256) hexadecimal digits.");
        RuleFor(c => c.CollectedAt)
            .Must(at => at is null || at.Value <= time.GetUtcNow() + MaxClockSkew)
            .WithMessage("'collected_at' lies in the future.");
    }

    private static bool IsSafeRelativePath(string? path) =>
        !string.IsNullOrWhiteSpace(path)
        && path.Length <= RepoFactsReport.MaxPathLength
        && !path.Contains('\0')
        && !path.Contains('\\')
        && !path.StartsWith('/')
        && path.Split('/').All(segment => segment != "..");
}

internal sealed class ReportRepoFactsCommandHandler(IRepoRepository repos, IRepoFactsRepository facts, TimeProvider time)
    : ICommandHandler<ReportRepoFactsCommand, RepoFactsDto>
{
    public async Task<Func<RepoFactsDto>> Handle(ReportRepoFactsCommand request, CancellationToken cancellationToken)
    {
        var repo = await repos.GetRequiredBySlugAsync(request.Slug, cancellationToken);
        var now = time.GetUtcNow();
        var workplans = (request.WorkplanFiles ?? []).Select(f => new WorkplanSource(f.Path, f.Content)).ToList();
        var report = RepoFactsReport.Create(
            repo.Id,
            request.RootFiles ?? [],
            DoiJson.SerializeWorkplans(workplans),
            request.RootCommit,
            request.CollectedAt ?? now,
            now);
        var receivedAt = await facts.UpsertAsync(report, cancellationToken);
        return () => new RepoFactsDto
        {
            RepoSlug = repo.Slug,
            RootFiles = report.RootFiles,
            WorkplanFiles = workplans.Select(w => new ReportedWorkplanFile { Path = w.Path, Content = w.Content }).ToList(),
            RootCommit = report.RootCommit,
            CollectedAt = report.CollectedAt,
            ReceivedAt = receivedAt,
        };
    }
}
