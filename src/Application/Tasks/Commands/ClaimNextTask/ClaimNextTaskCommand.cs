using System.Text.Json.Serialization;
using FluentValidation;
using MediatR;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Messaging;
using StateHub.Application.Common.Security;
using StateHub.Application.Common.Telemetry;
using StateHub.Domain.Work;

namespace StateHub.Application.Tasks.Commands.ClaimNextTask;

/// <summary>
/// Claims the most urgent ready task of the repo's active workstreams (priority, then creation) that
/// no one holds; null when none is ready. N concurrent calls claim N different tasks.
/// </summary>
public sealed record ClaimNextTaskCommand : ICommand<TaskDto?>, IRepoScopedRequest
{
    string IRepoScopedRequest.RepoSlug => Slug;

    [JsonIgnore]
    public string Slug { get; init; } = null!;

    /// <summary>Who claims: free-form, e.g. the agent and its session.</summary>
    public string Claimant { get; init; } = null!;

    /// <summary>How long the claim holds, in seconds (5–86400, default 900).</summary>
    public int? TtlSeconds { get; init; }
}

public sealed class ClaimNextTaskCommandValidator : AbstractValidator<ClaimNextTaskCommand>
{
    public ClaimNextTaskCommandValidator()
    {
        RuleFor(c => c.Claimant).NotEmpty().MaximumLength(WorkTask.ClaimantMaxLength);
        RuleFor(c => c.TtlSeconds).ValidClaimTtl();
    }
}

internal sealed class ClaimNextTaskCommandHandler(
    IRepoRepository repos, ITaskClaimStore claims, TaskViews views, TimeProvider clock)
    : ICommandHandler<ClaimNextTaskCommand, TaskDto?>
{
    public async Task<Func<TaskDto?>> Handle(ClaimNextTaskCommand request, CancellationToken cancellationToken)
    {
        var repoId = await repos.GetRequiredIdBySlugAsync(request.Slug, cancellationToken);
        var now = clock.GetUtcNow();

        // Ready and unheld as of the locking statement, which skips rows another claimer holds.
        var task = await claims.LockNextReadyAsync(repoId, now, cancellationToken);
        if (task is null)
        {
            StateHubMetrics.ClaimRefused("none_ready");
            return () => null;
        }

        ClaimMetrics.Refusing(() => task.Claim(request.Claimant, now, ClaimTtl.Of(request.TtlSeconds), workstreamActive: true, openBlockers: []));
        var respond = ClaimMetrics.Granting(await views.AfterSaveAsync(task, cancellationToken));
        return () => respond();
    }
}
