using AutoMapper;
using MediatR;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Exceptions;
using StateHub.Application.Common.Messaging;

namespace StateHub.Application.Inbox.Queries.ListInbox;

/// <summary>A repo's inbox, newest first: only unread messages when <paramref name="Unread"/> is true, only read ones when false, all when absent.</summary>
public sealed record ListInboxQuery(string RepoSlug, bool? Unread) : IQuery<IReadOnlyList<InboxMessageDto>>;

internal sealed class ListInboxQueryHandler(IRepoRepository repos, IInboxRepository inbox, IMapper mapper)
    : IRequestHandler<ListInboxQuery, IReadOnlyList<InboxMessageDto>>
{
    public async Task<IReadOnlyList<InboxMessageDto>> Handle(ListInboxQuery request, CancellationToken cancellationToken)
    {
        var repo = await repos.GetBySlugAsync(request.RepoSlug, cancellationToken)
            ?? throw NotFoundException.Repo(request.RepoSlug);

        var messages = await inbox.ListAsync(repo.Id, request.Unread, cancellationToken);
        return messages.Select(m => mapper.Map<InboxMessageDto>(m) with { RepoSlug = repo.Slug }).ToList();
    }
}
