using AutoMapper;
using MediatR;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Exceptions;
using StateHub.Application.Common.Messaging;

namespace StateHub.Application.Repos.Queries.ListRepos;

/// <summary>Repos by name; only those of <paramref name="DomainSlug"/> when given (unknown domain → 404).</summary>
public sealed record ListReposQuery(string? DomainSlug) : IQuery<IReadOnlyList<RepoDto>>;

internal sealed class ListReposQueryHandler(IDomainRepository domains, IRepoRepository repos, IMapper mapper)
    : IRequestHandler<ListReposQuery, IReadOnlyList<RepoDto>>
{
    public async Task<IReadOnlyList<RepoDto>> Handle(ListReposQuery request, CancellationToken cancellationToken)
    {
        Guid? domainId = null;
        if (!string.IsNullOrEmpty(request.DomainSlug))
        {
            var domain = await domains.GetBySlugAsync(request.DomainSlug, cancellationToken)
                ?? throw NotFoundException.Domain(request.DomainSlug);
            domainId = domain.Id;
        }

        return mapper.Map<IReadOnlyList<RepoDto>>(await repos.ListAsync(domainId, cancellationToken));
    }
}
