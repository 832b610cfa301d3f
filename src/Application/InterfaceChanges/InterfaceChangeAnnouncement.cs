using AutoMapper;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Concurrency;
using StateHub.Application.Common.Exceptions;
using StateHub.Application.Webhooks;
using StateHub.Domain.InterfaceChanges;

namespace StateHub.Application.InterfaceChanges;

/// <summary>
/// What publishing and resolving share: lock the change, check <c>If-Match</c>, apply the move,
/// then write one inbox message to each affected repo and one progress event on the origin,
/// and queue their webhook events in the same transaction.
/// </summary>
internal sealed class InterfaceChangeAnnouncement(
    IInterfaceChangeRepository changes,
    IRepoRepository repos,
    IInboxRepository inbox,
    IProgressEventRepository events,
    IWebhookOutbox outbox,
    IUnitOfWork unitOfWork,
    TimeProvider clock,
    IMapper mapper)
{
    public async Task<InterfaceChangeDto> ApplyAsync(
        Guid id, string? ifMatch, string eventType, Action<InterfaceChange> transition, CancellationToken cancellationToken)
    {
        // The row stays locked until the transaction commits, so of concurrent moves the first
        // wins and the others find the change already moved on: nobody is notified twice.
        var change = await changes.GetForUpdateAsync(id, cancellationToken)
            ?? throw NotFoundException.InterfaceChange(id);
        await unitOfWork.RequireIfMatchAsync(ifMatch, change, "interface change", cancellationToken);
        transition(change);

        var origin = await InterfaceChangeRules.OriginOfAsync(repos, change.OriginRepoId, cancellationToken);
        var affected = await InterfaceChangeRules.RequireAffectedReposAsync(repos, change.AffectedRepoSlugs, cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var repo in affected)
        {
            var notice = change.NoticeTo(repo.Id, origin.Slug);
            inbox.Add(notice);
            outbox.InboxMessageCreated(notice, repo, now);
        }

        events.Add(change.EventOnOrigin(origin.Id, origin.Slug));
        outbox.InterfaceChangeMoved(eventType, change, origin, affected, now);

        // Saved here so the response carries the updated_at persistence stamps.
        await unitOfWork.SaveChangesAsync(cancellationToken);

        return mapper.Map<InterfaceChangeDto>(change) with { OriginRepoSlug = origin.Slug };
    }
}
