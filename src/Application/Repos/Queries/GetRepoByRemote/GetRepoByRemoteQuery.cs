using AutoMapper;
using FluentValidation;
using MediatR;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Exceptions;
using StateHub.Application.Common.Messaging;

namespace StateHub.Application.Repos.Queries.GetRepoByRemote;

/// <summary>The repo with this git remote URL (a fallback; prefer the fingerprint lookup). An empty URL matches no repo (404); only a missing one is refused.</summary>
public sealed record GetRepoByRemoteQuery(string Url) : IQuery<RepoDto>;

public sealed class GetRepoByRemoteQueryValidator : AbstractValidator<GetRepoByRemoteQuery>
{
    public GetRepoByRemoteQueryValidator() => RuleFor(q => q.Url).NotNull();
}

internal sealed class GetRepoByRemoteQueryHandler(IRepoRepository repos, IMapper mapper)
    : IRequestHandler<GetRepoByRemoteQuery, RepoDto>
{
    public async Task<RepoDto> Handle(GetRepoByRemoteQuery request, CancellationToken cancellationToken)
    {
        var repo = await repos.FindByRemoteUrlAsync(request.Url, cancellationToken)
            ?? throw NotFoundException.RepoByRemoteUrl(request.Url);
        return mapper.Map<RepoDto>(repo);
    }
}
