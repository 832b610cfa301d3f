using AutoMapper;
using FluentValidation;
using MediatR;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Messaging;

namespace StateHub.Application.ProgressEvents.Queries.ListProgressEvents;

/// <summary>The newest <paramref name="Limit"/> events of a repo, newest first; unknown repo → 404.</summary>
public sealed record ListProgressEventsQuery(string RepoSlug, int Limit = ListProgressEventsQuery.DefaultLimit) : IQuery<IReadOnlyList<ProgressEventDto>>
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;
}

public sealed class ListProgressEventsQueryValidator : AbstractValidator<ListProgressEventsQuery>
{
    public ListProgressEventsQueryValidator() =>
        RuleFor(q => q.Limit).InclusiveBetween(1, ListProgressEventsQuery.MaxLimit);
}

internal sealed class ListProgressEventsQueryHandler(IRepoRepository repos, IProgressEventRepository events, IMapper mapper)
    : IRequestHandler<ListProgressEventsQuery, IReadOnlyList<ProgressEventDto>>
{
    public async Task<IReadOnlyList<ProgressEventDto>> Handle(ListProgressEventsQuery request, CancellationToken cancellationToken)
    {
        var repoId = await repos.GetRequiredIdBySlugAsync(request.RepoSlug, cancellationToken);
        var list = await events.ListRecentAsync(repoId, request.Limit, cancellationToken);
        return list.Select(e => mapper.Map<ProgressEventDto>(e) with { RepoSlug = request.RepoSlug }).ToList();
    }
}
