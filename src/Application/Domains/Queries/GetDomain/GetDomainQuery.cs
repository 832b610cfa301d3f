using AutoMapper;
using MediatR;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Exceptions;
using StateHub.Application.Common.Messaging;

namespace StateHub.Application.Domains.Queries.GetDomain;

public sealed record GetDomainQuery(string Slug) : IQuery<DomainDto>;

internal sealed class GetDomainQueryHandler(IDomainRepository domains, IMapper mapper)
    : IRequestHandler<GetDomainQuery, DomainDto>
{
    public async Task<DomainDto> Handle(GetDomainQuery request, CancellationToken cancellationToken)
    {
        var domain = await domains.GetBySlugAsync(request.Slug, cancellationToken)
            ?? throw NotFoundException.Domain(request.Slug);
        return mapper.Map<DomainDto>(domain);
    }
}
