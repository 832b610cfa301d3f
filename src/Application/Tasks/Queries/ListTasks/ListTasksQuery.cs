using MediatR;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Exceptions;
using StateHub.Application.Common.Messaging;

namespace StateHub.Application.Tasks.Queries.ListTasks;

/// <summary>A workstream's tasks, most urgent first (priority, then creation); unknown workstream → 404.</summary>
public sealed record ListTasksQuery(Guid WorkstreamId) : IQuery<IReadOnlyList<TaskDto>>;

internal sealed class ListTasksQueryHandler(IWorkstreamRepository workstreams, IWorkTaskRepository tasks, TaskViews views)
    : IRequestHandler<ListTasksQuery, IReadOnlyList<TaskDto>>
{
    public async Task<IReadOnlyList<TaskDto>> Handle(ListTasksQuery request, CancellationToken cancellationToken)
    {
        var workstream = await workstreams.GetByIdAsync(request.WorkstreamId, cancellationToken)
            ?? throw NotFoundException.Workstream(request.WorkstreamId);
        return await views.ManyAsync(await tasks.ListByWorkstreamAsync(workstream.Id, cancellationToken), cancellationToken);
    }
}
