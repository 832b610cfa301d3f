using MediatR;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Exceptions;
using StateHub.Application.Common.Messaging;

namespace StateHub.Application.Tasks.Queries.GetTask;

public sealed record GetTaskQuery(Guid Id) : IQuery<TaskDto>;

internal sealed class GetTaskQueryHandler(IWorkstreamRepository workstreams, TaskViews views)
    : IRequestHandler<GetTaskQuery, TaskDto>
{
    public async Task<TaskDto> Handle(GetTaskQuery request, CancellationToken cancellationToken) =>
        await views.OneAsync(await workstreams.GetTaskAsync(request.Id, cancellationToken)
            ?? throw NotFoundException.Task(request.Id), cancellationToken);
}
