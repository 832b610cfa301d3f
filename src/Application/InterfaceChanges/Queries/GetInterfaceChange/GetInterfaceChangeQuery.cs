using AutoMapper;
using MediatR;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Exceptions;
using StateHub.Application.Common.Messaging;

namespace StateHub.Application.InterfaceChanges.Queries.GetInterfaceChange;

public sealed record GetInterfaceChangeQuery(Guid Id) : IQuery<InterfaceChangeDto>;

internal sealed class GetInterfaceChangeQueryHandler(IInterfaceChangeRepository changes, IMapper mapper)
    : IRequestHandler<GetInterfaceChangeQuery, InterfaceChangeDto>
{
    public async Task<InterfaceChangeDto> Handle(GetInterfaceChangeQuery request, CancellationToken cancellationToken)
    {
        var found = await changes.GetAsync(request.Id, cancellationToken)
            ?? throw NotFoundException.InterfaceChange(request.Id);
        return mapper.Map<InterfaceChangeDto>(found.Change) with { OriginRepoSlug = found.OriginRepoSlug };
    }
}
