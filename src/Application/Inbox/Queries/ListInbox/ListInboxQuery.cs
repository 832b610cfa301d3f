using AutoMapper;
using MediatR;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Messaging;

namespace StateHub.Application.Inbox.Queries.ListInbox;

/// <summary>A repo's inbox, newest first: only unread messages when <paramref name="Unread"/> is true, only read ones when false, all when absent.</summary>
public sealed record ListInboxQuery(string RepoSlug, bool? Unread) : IQuery<IReadOnlyList<InboxMessageDto>>;

internal sealed class ListInboxQueryHandler(IRepoRepository repos, IInboxRepository inbox, IMapper mapper)
    : IRequestHandler<ListInboxQuery, IReadOnlyList<InboxMessageDto>>
{
    public async Task<IReadOnlyList<InboxMessageDto>> Handle(ListInboxQuery request, CancellationToken cancellationToken)
    {
        var repoId = await repos.GetRequiredIdBySlugAsync(request.RepoSlug, cancellationToken);

        var messages = await inbox.ListAsync(repoId, request.Unread, cancellationToken);
        return messages.Select(m => mapper.Map<InboxMessageDto>(m) with { RepoSlug = request.RepoSlug }).ToList();
    }
}
