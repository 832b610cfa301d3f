using System.Text.Json.Serialization;
using AutoMapper;
using FluentValidation;
using MediatR;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Concurrency;
using StateHub.Application.Common.Exceptions;
using StateHub.Application.Common.Messaging;
using StateHub.Domain.InterfaceChanges;

namespace StateHub.Application.InterfaceChanges.Commands.ResolveInterfaceChange;

/// <summary>
/// Resolves a published change, in one transaction: stamps <c>resolved_at</c> and the note,
/// notifies each affected repo once more and logs an event on the origin. Only a published
/// change can be resolved (409).
/// </summary>
public sealed record ResolveInterfaceChangeCommand : ICommand<InterfaceChangeDto>
{
    [JsonIgnore]
    public Guid Id { get; init; }

    /// <summary>The request's <c>If-Match</c> header, if any (see <see cref="IfMatchPrecondition"/>); not part of the body.</summary>
    [JsonIgnore]
    public string? IfMatch { get; init; }

    /// <summary>How the change landed, e.g. "All consumers migrated".</summary>
    public string? ResolutionNote { get; init; }
}

public sealed class ResolveInterfaceChangeCommandValidator : AbstractValidator<ResolveInterfaceChangeCommand>
{
    public ResolveInterfaceChangeCommandValidator() =>
        RuleFor(c => c.ResolutionNote).MaximumLength(InterfaceChange.ResolutionNoteMaxLength);
}

internal sealed class ResolveInterfaceChangeCommandHandler(
    IInterfaceChangeRepository changes,
    IRepoRepository repos,
    IUnitOfWork unitOfWork,
    TimeProvider clock,
    IMapper mapper)
    : ICommandHandler<ResolveInterfaceChangeCommand, InterfaceChangeDto>
{
    public async Task<Func<InterfaceChangeDto>> Handle(ResolveInterfaceChangeCommand request, CancellationToken cancellationToken)
    {
        // The row stays locked until the transaction commits, so of concurrent moves the first
        // wins and the others find the change already moved on: nobody is notified twice. The
        // inbox messages and the origin's progress event are written by AnnounceInterfaceChange.
        var change = await changes.GetForUpdateAsync(request.Id, cancellationToken)
            ?? throw NotFoundException.InterfaceChange(request.Id);
        await unitOfWork.RequireIfMatchAsync(request.IfMatch, change, "interface change", cancellationToken);
        change.Resolve(request.ResolutionNote, clock.GetUtcNow());

        var origin = await InterfaceChangeRules.OriginOfAsync(repos, change.OriginRepoId, cancellationToken);
        return () => mapper.Map<InterfaceChangeDto>(change) with { OriginRepoSlug = origin.Slug };
    }
}
