using System.Text.Json.Serialization;
using FluentValidation;
using MediatR;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Concurrency;
using StateHub.Application.Common.Exceptions;
using StateHub.Application.Common.Messaging;
using StateHub.Application.Common.Security;

namespace StateHub.Application.Tasks.Commands.RenewClaim;

/// <summary>Extends the current claim to now + ttl; a stale token or a lapsed claim → 409.</summary>
public sealed record RenewClaimCommand : ICommand<TaskDto>, IRepoOwnedRequest
{
    AccessTarget IRepoOwnedRequest.AccessTarget => new(AccessTargetKind.Task, Id);

    [JsonIgnore]
    public Guid Id { get; init; }

    /// <summary>The request's <c>If-Match</c> header, if any; not part of the body.</summary>
    [JsonIgnore]
    public string? IfMatch { get; init; }

    /// <summary>The token the claim returned.</summary>
    public long? ClaimToken { get; init; }

    /// <summary>How long the claim holds from now, in seconds (5–86400, default 900).</summary>
    public int? TtlSeconds { get; init; }
}

public sealed class RenewClaimCommandValidator : AbstractValidator<RenewClaimCommand>
{
    public RenewClaimCommandValidator()
    {
        RuleFor(c => c.ClaimToken).NotNull();
        RuleFor(c => c.TtlSeconds).ValidClaimTtl();
    }
}

internal sealed class RenewClaimCommandHandler(ITaskClaimStore claims, IUnitOfWork unitOfWork, TaskViews views, TimeProvider clock)
    : ICommandHandler<RenewClaimCommand, TaskDto>
{
    public async Task<Func<TaskDto>> Handle(RenewClaimCommand request, CancellationToken cancellationToken)
    {
        var task = await claims.GetForUpdateAsync(request.Id, cancellationToken)
            ?? throw NotFoundException.Task(request.Id);
        await unitOfWork.RequireIfMatchAsync(request.IfMatch, task, "task", cancellationToken);
        task.RenewClaim(request.ClaimToken!.Value, clock.GetUtcNow(), ClaimTtl.Of(request.TtlSeconds));
        return await views.AfterSaveAsync(task, cancellationToken);
    }
}
