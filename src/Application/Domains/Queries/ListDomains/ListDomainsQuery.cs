using AutoMapper;
using MediatR;
using StateHub.Application.Common.Abstractions;
using FluentValidation;
using StateHub.Application.Common.Messaging;
using StateHub.Application.Common.Paging;

namespace StateHub.Application.Domains.Queries.ListDomains;

/// <summary>All domains, by name then slug.</summary>
public sealed record ListDomainsQuery : IQuery<Page<DomainDto>>
{
    public const string List = "domains";

    /// <summary>Page size, 1–500; everything when absent (a registry list).</summary>
    public int? Limit { get; init; }

    public string? Cursor { get; init; }
}

public sealed class ListDomainsQueryValidator : AbstractValidator<ListDomainsQuery>
{
    public ListDomainsQueryValidator()
    {
        RuleFor(q => q.Limit).ValidLimit();
        RuleFor(q => q.Cursor).Must(c => c is null || Paging.Decode(ListDomainsQuery.List, c) is not null).WithMessage(Paging.CursorMessage);
    }
}

internal sealed class ListDomainsQueryHandler(IDomainRepository domains, IMapper mapper)
    : IRequestHandler<ListDomainsQuery, Page<DomainDto>>
{
    public async Task<Page<DomainDto>> Handle(ListDomainsQuery request, CancellationToken cancellationToken) =>
        Paging.InMemory(mapper.Map<IReadOnlyList<DomainDto>>(await domains.ListAsync(cancellationToken)), request.Limit, request.Cursor, ListDomainsQuery.List, d => d.Id);
}
