using System.Text.Json.Serialization;
using FluentValidation;
using MediatR;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Exceptions;
using StateHub.Application.Common.Messaging;
using StateHub.Application.Common.Security;
using StateHub.Domain.Work;

namespace StateHub.Application.Tasks.Commands.AddDependency;

/// <summary>
/// Makes a task wait for another task (in any repo) or for an interface change to be resolved.
/// A dependency that would close a cycle → 409 naming it.
/// </summary>
public sealed record AddDependencyCommand : ICommand<DependencyDto>, IRepoOwnedRequest
{
    AccessTarget IRepoOwnedRequest.AccessTarget => new(AccessTargetKind.Task, TaskId);

    [JsonIgnore]
    public Guid TaskId { get; init; }

    /// <summary>The task that must be done or cancelled first.</summary>
    public Guid? BlockedByTaskId { get; init; }

    /// <summary>The interface change that must be resolved first.</summary>
    public Guid? BlockedByInterfaceChangeId { get; init; }
}

public sealed class AddDependencyCommandValidator : AbstractValidator<AddDependencyCommand>
{
    public AddDependencyCommandValidator() =>
        RuleFor(c => c)
            .Must(c => (c.BlockedByTaskId is null) != (c.BlockedByInterfaceChangeId is null))
            .OverridePropertyName("blocked_by_task_id")
            .WithMessage("Give exactly one of blocked_by_task_id and blocked_by_interface_change_id.");
}

internal sealed class AddDependencyCommandHandler(
    IWorkstreamRepository workstreams, IInterfaceChangeRepository changes, ITaskDependencyRepository dependencies, TimeProvider clock)
    : ICommandHandler<AddDependencyCommand, DependencyDto>
{
    public async Task<Func<DependencyDto>> Handle(AddDependencyCommand request, CancellationToken cancellationToken)
    {
        var task = await workstreams.GetTaskAsync(request.TaskId, cancellationToken)
            ?? throw NotFoundException.Task(request.TaskId);

        TaskDependency dependency;
        if (request.BlockedByTaskId is { } blockerId)
        {
            dependency = TaskDependency.OnTask(task.Id, blockerId);
            _ = await workstreams.GetTaskAsync(blockerId, cancellationToken) ?? throw NotFoundException.Task(blockerId);
            await dependencies.LockGraphAsync(cancellationToken);
            if (await dependencies.FindCycleAsync(task.Id, blockerId, cancellationToken) is { } cycle)
                throw new ConflictException($"Adding this dependency would close a cycle: {string.Join(" → ", cycle)}.");
        }
        else
        {
            var changeId = request.BlockedByInterfaceChangeId!.Value;
            _ = await changes.GetAsync(changeId, cancellationToken) ?? throw NotFoundException.InterfaceChange(changeId);
            dependency = TaskDependency.OnInterfaceChange(task.Id, changeId);
        }

        if (await dependencies.ExistsAsync(dependency, cancellationToken))
            throw new ConflictException(UniqueIndexConflicts.Dependency(dependency));

        // Described before the save (the pipeline saves; the answer is shaped after it, with created_at).
        var blocker = await dependencies.DescribeAsync(dependency, clock.GetUtcNow(), cancellationToken);
        dependencies.Add(dependency);
        return () => DependencyDto.From(task.Id, blocker, dependency.CreatedAt);
    }
}
