using MediatR;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Exceptions;
using StateHub.Application.Common.Messaging;

namespace StateHub.Application.InterfaceChanges.Queries.GetInterfaceChange;

public sealed record GetInterfaceChangeQuery(Guid Id) : IQuery<InterfaceChangeDto>;

/// <summary>One round trip, no tracking: the change, its origin's slug and its consumers come from one read model.</summary>
internal sealed class GetInterfaceChangeQueryHandler(IInterfaceChangeReads changes)
    : IRequestHandler<GetInterfaceChangeQuery, InterfaceChangeDto>
{
    public async Task<InterfaceChangeDto> Handle(GetInterfaceChangeQuery request, CancellationToken cancellationToken) =>
        await changes.GetAsync(request.Id, cancellationToken) ?? throw NotFoundException.InterfaceChange(request.Id);
}
