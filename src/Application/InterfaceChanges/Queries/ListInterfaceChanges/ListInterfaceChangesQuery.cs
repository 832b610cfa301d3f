using AutoMapper;
using FluentValidation;
using MediatR;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Exceptions;
using StateHub.Application.Common.Messaging;
using StateHub.Domain.InterfaceChanges;

namespace StateHub.Application.InterfaceChanges.Queries.ListInterfaceChanges;

/// <summary>Changes newest first, narrowed by status, by origin repo and by a repo they affect; an unknown repo is a 404.</summary>
public sealed record ListInterfaceChangesQuery(InterfaceChangeStatus? Status, string? Origin, string? Affected)
    : IQuery<IReadOnlyList<InterfaceChangeDto>>;

public sealed class ListInterfaceChangesQueryValidator : AbstractValidator<ListInterfaceChangesQuery>
{
    public ListInterfaceChangesQueryValidator() =>
        RuleFor(q => q.Status).IsInEnum().WithMessage("'status' must be one of draft, published, resolved.");
}

internal sealed class ListInterfaceChangesQueryHandler(IRepoRepository repos, IInterfaceChangeRepository changes, IMapper mapper)
    : IRequestHandler<ListInterfaceChangesQuery, IReadOnlyList<InterfaceChangeDto>>
{
    public async Task<IReadOnlyList<InterfaceChangeDto>> Handle(ListInterfaceChangesQuery request, CancellationToken cancellationToken)
    {
        Guid? originId = null;
        if (!string.IsNullOrEmpty(request.Origin))
            originId = await repos.GetRequiredIdBySlugAsync(request.Origin, cancellationToken);

        if (!string.IsNullOrEmpty(request.Affected) && !await repos.SlugExistsAsync(request.Affected, cancellationToken))
            throw NotFoundException.Repo(request.Affected);

        var found = await changes.ListAsync(
            new InterfaceChangeFilter(request.Status, originId, string.IsNullOrEmpty(request.Affected) ? null : request.Affected),
            cancellationToken);
        return found.Select(f => mapper.Map<InterfaceChangeDto>(f.Change) with { OriginRepoSlug = f.OriginRepoSlug }).ToList();
    }
}
