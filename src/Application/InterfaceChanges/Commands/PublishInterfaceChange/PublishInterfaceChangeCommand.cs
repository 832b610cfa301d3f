using System.Text.Json.Serialization;
using AutoMapper;
using MediatR;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Concurrency;
using StateHub.Application.Common.Messaging;
using StateHub.Domain.Webhooks;

namespace StateHub.Application.InterfaceChanges.Commands.PublishInterfaceChange;

/// <summary>
/// Publishes a draft, in one transaction: stamps <c>published_at</c>, writes one inbox message to
/// each affected repo and one progress event on the origin. Only a draft can be published (409).
/// </summary>
public sealed record PublishInterfaceChangeCommand(Guid Id) : ICommand<InterfaceChangeDto>
{
    /// <summary>The request's <c>If-Match</c> header, if any (see <see cref="IfMatchPrecondition"/>); not part of the body.</summary>
    [JsonIgnore]
    public string? IfMatch { get; init; }
}

internal sealed class PublishInterfaceChangeCommandHandler(
    IInterfaceChangeRepository changes,
    IRepoRepository repos,
    IInboxRepository inbox,
    IProgressEventRepository events,
    IWebhookOutbox outbox,
    IUnitOfWork unitOfWork,
    TimeProvider clock,
    IMapper mapper)
    : IRequestHandler<PublishInterfaceChangeCommand, InterfaceChangeDto>
{
    private readonly InterfaceChangeAnnouncement _announcement = new(changes, repos, inbox, events, outbox, unitOfWork, clock, mapper);

    public Task<InterfaceChangeDto> Handle(PublishInterfaceChangeCommand request, CancellationToken cancellationToken) =>
        _announcement.ApplyAsync(request.Id, request.IfMatch, WebhookEventTypes.InterfaceChangePublished, c => c.Publish(clock.GetUtcNow()), cancellationToken);
}
