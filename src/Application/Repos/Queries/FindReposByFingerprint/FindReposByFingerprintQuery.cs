using AutoMapper;
using FluentValidation;
using MediatR;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Messaging;
using StateHub.Application.Common.Paging;

namespace StateHub.Application.Repos.Queries.FindReposByFingerprint;

/// <summary>
/// Repos whose root-commit fingerprint is <paramref name="Hash"/>; forks and monorepo splits share
/// one, so <paramref name="RemoteUrl"/> narrows the match. An empty list when nothing matches,
/// including for an empty hash; only a missing one is refused.
/// </summary>
public sealed record FindReposByFingerprintQuery(string Hash, string? RemoteUrl) : IQuery<Page<RepoDto>>
{
    public const string List = "repos_by_fingerprint";

    /// <summary>The list name its cursors carry: the list, the fingerprint and the remote URL (§15), so a cursor of another is refused.</summary>
    public string CursorList() => Paging.Scoped(List, Hash, RemoteUrl);

    /// <summary>Page size, 1–500; every match when absent.</summary>
    public int? Limit { get; init; }

    public string? Cursor { get; init; }
}

public sealed class FindReposByFingerprintQueryValidator : AbstractValidator<FindReposByFingerprintQuery>
{
    public FindReposByFingerprintQueryValidator()
    {
        RuleFor(q => q.Hash).NotNull();
        RuleFor(q => q.Limit).ValidLimit();
        RuleFor(q => q.Cursor).Must((q, c) => c is null || Paging.Decode(q.CursorList(), c) is not null).WithMessage(Paging.CursorMessage);
    }
}

internal sealed class FindReposByFingerprintQueryHandler(IRepoRepository repos, IMapper mapper)
    : IRequestHandler<FindReposByFingerprintQuery, Page<RepoDto>>
{
    public async Task<Page<RepoDto>> Handle(FindReposByFingerprintQuery request, CancellationToken cancellationToken) =>
        Paging.InMemory(
            mapper.Map<IReadOnlyList<RepoDto>>(await repos.FindByFingerprintAsync(
                request.Hash, string.IsNullOrEmpty(request.RemoteUrl) ? null : request.RemoteUrl, cancellationToken)),
            request.Limit, request.Cursor, request.CursorList(), r => r.Id);
}
