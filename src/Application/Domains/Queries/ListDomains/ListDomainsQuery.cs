using AutoMapper;
using MediatR;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Messaging;

namespace StateHub.Application.Domains.Queries.ListDomains;

/// <summary>All domains, by name then slug.</summary>
public sealed record ListDomainsQuery : IQuery<IReadOnlyList<DomainDto>>;

internal sealed class ListDomainsQueryHandler(IDomainRepository domains, IMapper mapper)
    : IRequestHandler<ListDomainsQuery, IReadOnlyList<DomainDto>>
{
    public async Task<IReadOnlyList<DomainDto>> Handle(ListDomainsQuery request, CancellationToken cancellationToken) =>
        mapper.Map<IReadOnlyList<DomainDto>>(await domains.ListAsync(cancellationToken));
}
