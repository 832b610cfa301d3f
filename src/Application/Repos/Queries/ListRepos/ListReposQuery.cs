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

    /// <summary>Page size, 1–500; everything when absent (a registry list).</summary>
    public int? Limit { get; init; }

    public string? Cursor { get; init; }
}

public sealed class ListReposQueryValidator : AbstractValidator<ListReposQuery>
{
    public ListReposQueryValidator()
    {
        RuleFor(q => q.Limit).ValidLimit();
        RuleFor(q => q.Cursor).Must(c => c is null || Paging.Decode(ListReposQuery.List, c) is not null).WithMessage(Paging.CursorMessage);
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

        return Paging.InMemory(mapper.Map<IReadOnlyList<RepoDto>>(await repos.ListAsync(domainId, cancellationToken)), request.Limit, request.Cursor, ListReposQuery.List, r => r.Id);
    }
}
