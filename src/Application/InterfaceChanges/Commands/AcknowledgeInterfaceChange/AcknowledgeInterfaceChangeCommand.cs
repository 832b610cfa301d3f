using System.Text.Json.Serialization;
using AutoMapper;
using FluentValidation;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Concurrency;
using StateHub.Application.Common.Exceptions;
using StateHub.Application.Common.Messaging;
using StateHub.Application.Common.Security;
using StateHub.Domain.InterfaceChanges;

namespace StateHub.Application.InterfaceChanges.Commands.AcknowledgeInterfaceChange;

/// <summary>
/// Records where one affected repo stands with a published change: acknowledged, migrated or
/// not_affected (only forward, or between migrated and not_affected; 409 otherwise, and on a draft
/// or resolved change). A repo the change does not affect is a 404. When the last consumer
/// finishes, the origin gets an inbox message.
/// </summary>
public sealed record AcknowledgeInterfaceChangeCommand : ICommand<InterfaceChangeDto>, IRepoScopedRequest
{
    [JsonIgnore]
    public Guid Id { get; init; }

    [JsonIgnore]
    public string RepoSlug { get; init; } = null!;

    /// <summary>The request's <c>If-Match</c> header (the change's ETag), if any; not part of the body.</summary>
    [JsonIgnore]
    public string? IfMatch { get; init; }

    /// <summary>acknowledged (seen, working on it), migrated (done) or not_affected (nothing to do here).</summary>
    /// <example>migrated</example>
    public ConsumerStatus? Status { get; init; }

    /// <summary>What the repo did or why it is not affected.</summary>
    public string? Note { get; init; }
}

public sealed class AcknowledgeInterfaceChangeCommandValidator : AbstractValidator<AcknowledgeInterfaceChangeCommand>
{
    public AcknowledgeInterfaceChangeCommandValidator()
    {
        RuleFor(c => c.Status).NotNull().IsInEnum();
        RuleFor(c => c.Note).MaximumLength(InterfaceChangeConsumer.NoteMaxLength);
    }
}

internal sealed class AcknowledgeInterfaceChangeCommandHandler(
    IInterfaceChangeRepository changes,
    IRepoRepository repos,
    IUnitOfWork unitOfWork,
    TimeProvider clock,
    IMapper mapper)
    : ICommandHandler<AcknowledgeInterfaceChangeCommand, InterfaceChangeDto>
{
    public async Task<Func<InterfaceChangeDto>> Handle(AcknowledgeInterfaceChangeCommand request, CancellationToken cancellationToken)
    {
        // Locked, so that of two consumers finishing at once exactly one sees that it was the last
        // (and raises InterfaceChangeConsumersDone, whose handler notifies the origin).
        var change = await changes.GetForUpdateAsync(request.Id, cancellationToken)
            ?? throw NotFoundException.InterfaceChange(request.Id);
        if (!change.IsAffected(request.RepoSlug))
            throw NotFoundException.Consumer(request.Id, request.RepoSlug);
        await unitOfWork.RequireIfMatchAsync(request.IfMatch, change, "interface change", cancellationToken);

        change.Acknowledge(request.RepoSlug, request.Status!.Value, request.Note, clock.GetUtcNow());
        var origin = await InterfaceChangeRules.OriginOfAsync(repos, change.OriginRepoId, cancellationToken);
        return () => mapper.Map<InterfaceChangeDto>(change) with { OriginRepoSlug = origin.Slug };
    }
}
