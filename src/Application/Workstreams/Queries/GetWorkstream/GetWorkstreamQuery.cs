using AutoMapper;
using MediatR;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Exceptions;
using StateHub.Application.Common.Messaging;

namespace StateHub.Application.Workstreams.Queries.GetWorkstream;

public sealed record GetWorkstreamQuery(Guid Id) : IQuery<WorkstreamDto>;

internal sealed class GetWorkstreamQueryHandler(IWorkstreamRepository workstreams, IMapper mapper)
    : IRequestHandler<GetWorkstreamQuery, WorkstreamDto>
{
    public async Task<WorkstreamDto> Handle(GetWorkstreamQuery request, CancellationToken cancellationToken)
    {
        var workstream = await workstreams.GetByIdAsync(request.Id, cancellationToken)
            ?? throw NotFoundException.Workstream(request.Id);
        return mapper.Map<WorkstreamDto>(workstream);
    }
}
