using System.Text.Json.Serialization;
using FluentValidation;
using MediatR;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Exceptions;
using StateHub.Application.Common.Messaging;
using StateHub.Application.Common.Security;
using StateHub.Domain.Common;
using StateHub.Domain.Work;

namespace StateHub.Application.Tasks.Commands.CreateTask;

/// <summary>Adds a task to a workstream; its key must be new in that workstream.</summary>
public sealed record CreateTaskCommand : ICommand<TaskDto>, IRepoOwnedRequest
{
    AccessTarget IRepoOwnedRequest.AccessTarget => new(AccessTargetKind.Workstream, WorkstreamId);

    [JsonIgnore]
    public Guid WorkstreamId { get; init; }

    /// <summary>Unique within the workstream, e.g. <c>T01</c>.</summary>
    public string Key { get; init; } = null!;

    public string Title { get; init; } = null!;

    /// <summary>1 is the most urgent; 3 when absent.</summary>
    public int? Priority { get; init; }

    /// <summary>Todo when absent.</summary>
    public WorkTaskStatus? Status { get; init; }

    public bool? NeedsHuman { get; init; }
}

public sealed class CreateTaskCommandValidator : AbstractValidator<CreateTaskCommand>
{
    public CreateTaskCommandValidator()
    {
        RuleFor(c => c.Key).NotEmpty().MaximumLength(WorkTask.KeyMaxLength);
        RuleFor(c => c.Title).NotEmpty().MaximumLength(WorkTask.TitleMaxLength);
        RuleFor(c => c.Priority).InclusiveBetween(PriorityRange.Min, PriorityRange.Max);
        RuleFor(c => c.Status).IsInEnum();
    }
}

internal sealed class CreateTaskCommandHandler(IWorkstreamRepository workstreams, TaskViews views)
    : ICommandHandler<CreateTaskCommand, TaskDto>
{
    public async Task<Func<TaskDto>> Handle(CreateTaskCommand request, CancellationToken cancellationToken)
    {
        var workstream = await workstreams.GetByIdAsync(request.WorkstreamId, cancellationToken)
            ?? throw NotFoundException.Workstream(request.WorkstreamId);

        // Added through its aggregate: the unit of work inserts it with the workstream.
        var task = workstream.AddTask(
            request.Key, request.Title, request.Priority ?? WorkTask.DefaultPriority,
            request.Status ?? WorkTaskStatus.Todo, request.NeedsHuman ?? false);
        if (await workstreams.TaskKeyExistsAsync(workstream.Id, task.Key, null, cancellationToken))
            throw TaskConflicts.DuplicateKey(workstream.Id, task.Key);

        // A new task has no blockers yet: ready when todo in an active workstream.
        return views.OfNew(task, workstream.Status == WorkstreamStatus.Active);
    }
}
