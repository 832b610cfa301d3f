using AutoMapper;
using FluentValidation;
using MediatR;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Exceptions;
using StateHub.Application.Common.Messaging;
using StateHub.Application.Common.Paging;
using StateHub.Domain.InterfaceChanges;

namespace StateHub.Application.InterfaceChanges.Queries.ListInterfaceChanges;

/// <summary>Changes newest first, narrowed by status, by origin repo and by a repo they affect; an unknown repo is a 404.</summary>
public sealed record ListInterfaceChangesQuery(InterfaceChangeStatus? Status, string? Origin, string? Affected)
    : IQuery<Page<InterfaceChangeDto>>
{
    public const string List = "interface-changes";

    /// <summary>The list name its cursors carry: the list and the filters (§15), so a cursor of another is refused.</summary>
    public string CursorList() => Paging.Scoped(List, Status, Origin, Affected);

    /// <summary>Page size, 1–500; default 100.</summary>
    public int? Limit { get; init; }

    public string? Cursor { get; init; }
}

public sealed class ListInterfaceChangesQueryValidator : AbstractValidator<ListInterfaceChangesQuery>
{
    public ListInterfaceChangesQueryValidator()
    {
        RuleFor(q => q.Status).IsInEnum().WithMessage("'status' must be one of draft, published, resolved.");
        RuleFor(q => q.Limit).ValidLimit();
        RuleFor(q => q.Cursor).Must((q, c) => c is null || Paging.DecodeKeyset(q.CursorList(), c) is not null).WithMessage(Paging.CursorMessage);
    }
}

internal sealed class ListInterfaceChangesQueryHandler(IRepoRepository repos, IInterfaceChangeRepository changes, IMapper mapper)
    : IRequestHandler<ListInterfaceChangesQuery, Page<InterfaceChangeDto>>
{
    public async Task<Page<InterfaceChangeDto>> Handle(ListInterfaceChangesQuery request, CancellationToken cancellationToken)
    {
        Guid? originId = null;
        if (!string.IsNullOrEmpty(request.Origin))
            originId = await repos.GetRequiredIdBySlugAsync(request.Origin, cancellationToken);

        if (!string.IsNullOrEmpty(request.Affected) && !await repos.SlugExistsAsync(request.Affected, cancellationToken))
            throw NotFoundException.Repo(request.Affected);

        var limit = request.Limit ?? Paging.DefaultGrowingLimit;
        var found = await changes.ListAsync(
            new InterfaceChangeFilter(request.Status, originId, string.IsNullOrEmpty(request.Affected) ? null : request.Affected)
            {
                After = Paging.RequireKeyset(request.CursorList(), request.Cursor),
                Limit = limit + 1,
            },
            cancellationToken);
        return Paging.FromRows(found, limit, request.CursorList(), f => new Keyset(f.Change.CreatedAt, f.Change.Id))
            .Select(f => mapper.Map<InterfaceChangeDto>(f.Change) with { OriginRepoSlug = f.OriginRepoSlug });
    }
}
