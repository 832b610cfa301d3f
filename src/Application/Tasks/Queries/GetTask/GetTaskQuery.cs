using AutoMapper;
using MediatR;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Exceptions;
using StateHub.Application.Common.Messaging;

namespace StateHub.Application.Tasks.Queries.GetTask;

public sealed record GetTaskQuery(Guid Id) : IQuery<TaskDto>;

internal sealed class GetTaskQueryHandler(IWorkTaskRepository tasks, IMapper mapper)
    : IRequestHandler<GetTaskQuery, TaskDto>
{
    public async Task<TaskDto> Handle(GetTaskQuery request, CancellationToken cancellationToken) =>
        mapper.Map<TaskDto>(await tasks.GetByIdAsync(request.Id, cancellationToken)
            ?? throw NotFoundException.Task(request.Id));
}
