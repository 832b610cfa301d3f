using AutoMapper;
using FluentValidation;
using MediatR;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Messaging;

namespace StateHub.Application.Repos.Queries.FindReposByFingerprint;

/// <summary>
/// Repos whose root-commit fingerprint is <paramref name="Hash"/>; forks and monorepo splits share
/// one, so <paramref name="RemoteUrl"/> narrows the match. An empty list when nothing matches,
/// including for an empty hash; only a missing one is refused.
/// </summary>
public sealed record FindReposByFingerprintQuery(string Hash, string? RemoteUrl) : IQuery<IReadOnlyList<RepoDto>>;

public sealed class FindReposByFingerprintQueryValidator : AbstractValidator<FindReposByFingerprintQuery>
{
    public FindReposByFingerprintQueryValidator() => RuleFor(q => q.Hash).NotNull();
}

internal sealed class FindReposByFingerprintQueryHandler(IRepoRepository repos, IMapper mapper)
    : IRequestHandler<FindReposByFingerprintQuery, IReadOnlyList<RepoDto>>
{
    public async Task<IReadOnlyList<RepoDto>> Handle(FindReposByFingerprintQuery request, CancellationToken cancellationToken) =>
        mapper.Map<IReadOnlyList<RepoDto>>(await repos.FindByFingerprintAsync(
            request.Hash, string.IsNullOrEmpty(request.RemoteUrl) ? null : request.RemoteUrl, cancellationToken));
}
