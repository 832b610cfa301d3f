using MediatR;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Exceptions;
using FluentValidation;
using StateHub.Application.Common.Messaging;
using StateHub.Application.Common.Paging;

namespace StateHub.Application.Tasks.Queries.ListTasks;

/// <summary>A workstream's tasks, most urgent first (priority, then creation); unknown workstream → 404.</summary>
public sealed record ListTasksQuery(Guid WorkstreamId) : IQuery<Page<TaskDto>>
{
    public const string List = "tasks";

    /// <summary>The list name its cursors carry: the list and the workstream (§15), so a cursor of another is refused.</summary>
    public string CursorList() => Paging.Scoped(List, WorkstreamId);

    /// <summary>Page size, 1–500; everything when absent (a registry list).</summary>
    public int? Limit { get; init; }

    public string? Cursor { get; init; }
}

public sealed class ListTasksQueryValidator : AbstractValidator<ListTasksQuery>
{
    public ListTasksQueryValidator()
    {
        RuleFor(q => q.Limit).ValidLimit();
        RuleFor(q => q.Cursor).Must((q, c) => c is null || Paging.Decode(q.CursorList(), c) is not null).WithMessage(Paging.CursorMessage);
    }
}

internal sealed class ListTasksQueryHandler(IWorkstreamRepository workstreams, TaskViews views)
    : IRequestHandler<ListTasksQuery, Page<TaskDto>>
{
    public async Task<Page<TaskDto>> Handle(ListTasksQuery request, CancellationToken cancellationToken)
    {
        var workstream = await workstreams.GetByIdAsync(request.WorkstreamId, cancellationToken)
            ?? throw NotFoundException.Workstream(request.WorkstreamId);
        var all = await views.ManyAsync(await workstreams.ListTasksAsync(workstream.Id, cancellationToken), cancellationToken);
        return Paging.InMemory(all, request.Limit, request.Cursor, request.CursorList(), t => t.Id);
    }
}
