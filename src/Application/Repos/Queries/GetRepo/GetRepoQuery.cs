using MediatR;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Exceptions;
using StateHub.Application.Common.Messaging;

namespace StateHub.Application.Repos.Queries.GetRepo;

public sealed record GetRepoQuery(string Slug) : IQuery<RepoDto>;

/// <summary>A plain read: one statement straight into the read model (bench/README.md has the figures).</summary>
internal sealed class GetRepoQueryHandler(IRepoReads repos)
    : IRequestHandler<GetRepoQuery, RepoDto>
{
    public async Task<RepoDto> Handle(GetRepoQuery request, CancellationToken cancellationToken) =>
        await repos.GetBySlugAsync(request.Slug, cancellationToken) ?? throw NotFoundException.Repo(request.Slug);
}
