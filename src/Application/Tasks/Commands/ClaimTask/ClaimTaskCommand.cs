using System.Text.Json.Serialization;
using FluentValidation;
using MediatR;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Concurrency;
using StateHub.Application.Common.Exceptions;
using StateHub.Application.Common.Messaging;
using StateHub.Application.Common.Security;
using StateHub.Domain.Work;

namespace StateHub.Application.Tasks.Commands.ClaimTask;

/// <summary>
/// Claims a task for a while (spec §13): a todo task, or an in_progress one whose claim lapsed, becomes
/// in_progress with a new claim token; the same claimant again renews; anyone else, a finished task or
/// one that is not ready → 409.
/// </summary>
public sealed record ClaimTaskCommand : ICommand<TaskDto>, IRepoOwnedRequest
{
    AccessTarget IRepoOwnedRequest.AccessTarget => new(AccessTargetKind.Task, Id);

    [JsonIgnore]
    public Guid Id { get; init; }

    /// <summary>The request's <c>If-Match</c> header, if any; not part of the body.</summary>
    [JsonIgnore]
    public string? IfMatch { get; init; }

    /// <summary>Who claims: free-form, e.g. the agent and its session.</summary>
    public string Claimant { get; init; } = null!;

    /// <summary>How long the claim holds, in seconds (5–86400, default 900).</summary>
    public int? TtlSeconds { get; init; }
}

public sealed class ClaimTaskCommandValidator : AbstractValidator<ClaimTaskCommand>
{
    public ClaimTaskCommandValidator()
    {
        RuleFor(c => c.Claimant).NotEmpty().MaximumLength(WorkTask.ClaimantMaxLength);
        RuleFor(c => c.TtlSeconds).ValidClaimTtl();
    }
}

internal sealed class ClaimTaskCommandHandler(
    ITaskClaimStore claims, ITaskDependencyRepository dependencies, IUnitOfWork unitOfWork, TaskViews views, TimeProvider clock)
    : ICommandHandler<ClaimTaskCommand, TaskDto>
{
    public async Task<Func<TaskDto>> Handle(ClaimTaskCommand request, CancellationToken cancellationToken)
    {
        // The row lock makes concurrent claimers of this task take turns: each sees the claim the one before it took.
        var task = await claims.GetForUpdateAsync(request.Id, cancellationToken)
            ?? throw NotFoundException.Task(request.Id);
        await unitOfWork.RequireIfMatchAsync(request.IfMatch, task, "task", cancellationToken);
        var now = clock.GetUtcNow();
        var readiness = (await dependencies.GetReadinessAsync([task.Id], now, cancellationToken))[task.Id];

        ClaimMetrics.Refusing(() => task.Claim(request.Claimant, now, ClaimTtl.Of(request.TtlSeconds), readiness.WorkstreamActive, readiness.BlockerNames));
        return ClaimMetrics.Granting(await views.AfterSaveAsync(task, cancellationToken));
    }
}
