using AutoMapper;
using MediatR;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Exceptions;
using FluentValidation;
using StateHub.Application.Common.Messaging;
using StateHub.Application.Common.Paging;

namespace StateHub.Application.Repos.Queries.ListRepos;

/// <summary>Repos by name; only those of <paramref name="DomainSlug"/> when given (unknown domain → 404).</summary>
public sealed record ListReposQuery(string? DomainSlug) : IQuery<Page<RepoDto>>
{
    public const string List = "repos";

    /// <summary>The list name its cursors carry: the list and the domain filter (§15), so a cursor of another is refused.</summary>
    public string CursorList() => Paging.Scoped(List, DomainSlug);

    /// <summary>Page size, 1–500; everything when absent (a registry list).</summary>
    public int? Limit { get; init; }

    public string? Cursor { get; init; }
}

public sealed class ListReposQueryValidator : AbstractValidator<ListReposQuery>
{
    public ListReposQueryValidator()
    {
        RuleFor(q => q.Limit).ValidLimit();
        RuleFor(q => q.Cursor).Must((q, c) => c is null || Paging.Decode(q.CursorList(), c) is not null).WithMessage(Paging.CursorMessage);
    }
}

internal sealed class ListReposQueryHandler(IDomainRepository domains, IRepoRepository repos, IMapper mapper)
    : IRequestHandler<ListReposQuery, Page<RepoDto>>
{
    public async Task<Page<RepoDto>> Handle(ListReposQuery request, CancellationToken cancellationToken)
    {
        Guid? domainId = null;
        if (!string.IsNullOrEmpty(request.DomainSlug))
        {
            var domain = await domains.GetBySlugAsync(request.DomainSlug, cancellationToken)
                ?? throw NotFoundException.Domain(request.DomainSlug);
            domainId = domain.Id;
        }

        // Cut in the database (the registry may hold thousands of repos); the cursor is the last repo's id, as before.
        Guid? afterId = null;
        if (request.Cursor is not null)
        {
            if (!Guid.TryParseExact(Paging.Decode(request.CursorList(), request.Cursor), "N", out var id))
                throw new RequestValidationException("cursor", Paging.RowGoneMessage);
            afterId = id;
        }

        var rows = await repos.ListPageAsync(domainId, afterId, request.Limit, cancellationToken)
            ?? throw new RequestValidationException("cursor", Paging.RowGoneMessage);
        var items = mapper.Map<IReadOnlyList<RepoDto>>(request.Limit is { } take && rows.Count > take ? rows.Take(take).ToList() : rows);
        return new Page<RepoDto>(items, request.Limit is { } limit && rows.Count > limit ? Paging.Encode(request.CursorList(), items[^1].Id.ToString("N")) : null);
    }
}
