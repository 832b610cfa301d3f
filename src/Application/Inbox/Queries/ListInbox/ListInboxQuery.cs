using AutoMapper;
using MediatR;
using StateHub.Application.Common.Abstractions;
using FluentValidation;
using StateHub.Application.Common.Messaging;
using StateHub.Application.Common.Paging;

namespace StateHub.Application.Inbox.Queries.ListInbox;

/// <summary>A repo's inbox, newest first: only unread messages when <paramref name="Unread"/> is true, only read ones when false, all when absent.</summary>
public sealed record ListInboxQuery(string RepoSlug, bool? Unread) : IQuery<Page<InboxMessageDto>>
{
    public const string List = "inbox";

    /// <summary>The list name its cursors carry: the list, the repo and the read filter (§15), so a cursor of another is refused.</summary>
    public string CursorList() => Paging.Scoped(List, RepoSlug, Unread);

    /// <summary>Page size, 1–500; default 100.</summary>
    public int? Limit { get; init; }

    public string? Cursor { get; init; }
}

public sealed class ListInboxQueryValidator : AbstractValidator<ListInboxQuery>
{
    public ListInboxQueryValidator()
    {
        RuleFor(q => q.Limit).ValidLimit();
        RuleFor(q => q.Cursor).Must((q, c) => c is null || Paging.DecodeKeyset(q.CursorList(), c) is not null).WithMessage(Paging.CursorMessage);
    }
}

internal sealed class ListInboxQueryHandler(IRepoRepository repos, IInboxRepository inbox, IMapper mapper)
    : IRequestHandler<ListInboxQuery, Page<InboxMessageDto>>
{
    public async Task<Page<InboxMessageDto>> Handle(ListInboxQuery request, CancellationToken cancellationToken)
    {
        var repoId = await repos.GetRequiredIdBySlugAsync(request.RepoSlug, cancellationToken);

        var limit = request.Limit ?? Paging.DefaultGrowingLimit;
        var messages = await inbox.ListAsync(repoId, request.Unread, cancellationToken, Paging.RequireKeyset(request.CursorList(), request.Cursor), limit + 1);
        return Paging.FromRows(messages, limit, request.CursorList(), m => new Keyset(m.CreatedAt, m.Id))
            .Select(m => mapper.Map<InboxMessageDto>(m) with { RepoSlug = request.RepoSlug });
    }
}
