using MediatR;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Exceptions;
using StateHub.Application.Common.Messaging;

namespace StateHub.Application.Tasks.Queries.GetTask;

public sealed record GetTaskQuery(Guid Id) : IQuery<TaskDto>;

/// <summary>One round trip, no tracking: the task and its readiness come from one read model.</summary>
internal sealed class GetTaskQueryHandler(ITaskReads tasks, TimeProvider clock)
    : IRequestHandler<GetTaskQuery, TaskDto>
{
    public async Task<TaskDto> Handle(GetTaskQuery request, CancellationToken cancellationToken) =>
        await tasks.GetAsync(request.Id, clock.GetUtcNow(), cancellationToken)
            ?? throw NotFoundException.Task(request.Id);
}
