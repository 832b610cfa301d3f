using System.Text.Json.Serialization;
using FluentValidation;
using MediatR;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Concurrency;
using StateHub.Application.Common.Exceptions;
using StateHub.Application.Common.Messaging;
using StateHub.Application.Common.Security;
using StateHub.Domain.Work;

namespace StateHub.Application.Tasks.Commands.ReleaseTask;

/// <summary>Ends the current claim, leaving the task todo (default), done, blocked or cancelled; a stale token → 409.</summary>
public sealed record ReleaseTaskCommand : ICommand<TaskDto>, IRepoOwnedRequest
{
    AccessTarget IRepoOwnedRequest.AccessTarget => new(AccessTargetKind.Task, Id);

    [JsonIgnore]
    public Guid Id { get; init; }

    /// <summary>The request's <c>If-Match</c> header, if any; not part of the body.</summary>
    [JsonIgnore]
    public string? IfMatch { get; init; }

    /// <summary>The token the claim returned.</summary>
    public long? ClaimToken { get; init; }

    /// <summary>The task's status after the release: todo (default), done, blocked or cancelled.</summary>
    public WorkTaskStatus? Status { get; init; }
}

public sealed class ReleaseTaskCommandValidator : AbstractValidator<ReleaseTaskCommand>
{
    public ReleaseTaskCommandValidator()
    {
        RuleFor(c => c.ClaimToken).NotNull();
        RuleFor(c => c.Status)
            .IsInEnum()
            .Must(s => s is null or WorkTaskStatus.Todo or WorkTaskStatus.Done or WorkTaskStatus.Blocked or WorkTaskStatus.Cancelled)
            .WithMessage("status must be todo, done, blocked or cancelled.");
    }
}

internal sealed class ReleaseTaskCommandHandler(ITaskClaimStore claims, IUnitOfWork unitOfWork, TaskViews views, TimeProvider clock)
    : ICommandHandler<ReleaseTaskCommand, TaskDto>
{
    public async Task<Func<TaskDto>> Handle(ReleaseTaskCommand request, CancellationToken cancellationToken)
    {
        var task = await claims.GetForUpdateAsync(request.Id, cancellationToken)
            ?? throw NotFoundException.Task(request.Id);
        await unitOfWork.RequireIfMatchAsync(request.IfMatch, task, "task", cancellationToken);
        task.ReleaseClaim(request.ClaimToken!.Value, request.Status ?? WorkTaskStatus.Todo, clock.GetUtcNow());
        return await views.AfterSaveAsync(task, cancellationToken);
    }
}
