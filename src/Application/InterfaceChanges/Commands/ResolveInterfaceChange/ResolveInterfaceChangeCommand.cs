using System.Text.Json.Serialization;
using AutoMapper;
using FluentValidation;
using MediatR;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Concurrency;
using StateHub.Application.Common.Messaging;
using StateHub.Domain.Webhooks;
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
    IInboxRepository inbox,
    IProgressEventRepository events,
    IWebhookOutbox outbox,
    IUnitOfWork unitOfWork,
    TimeProvider clock,
    IMapper mapper)
    : IRequestHandler<ResolveInterfaceChangeCommand, InterfaceChangeDto>
{
    private readonly InterfaceChangeAnnouncement _announcement = new(changes, repos, inbox, events, outbox, unitOfWork, clock, mapper);

    public Task<InterfaceChangeDto> Handle(ResolveInterfaceChangeCommand request, CancellationToken cancellationToken) =>
        _announcement.ApplyAsync(request.Id, request.IfMatch, WebhookEventTypes.InterfaceChangeResolved, c => c.Resolve(request.ResolutionNote, clock.GetUtcNow()), cancellationToken);
}
