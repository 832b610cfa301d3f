using System.Text.Json.Serialization;
using AutoMapper;
using FluentValidation;
using MediatR;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Concurrency;
using StateHub.Application.Common.Exceptions;
using StateHub.Application.Common.Messaging;
using StateHub.Domain.Common;
using StateHub.Domain.Work;

namespace StateHub.Application.Tasks.Commands.UpdateTask;

/// <summary>Changes only the fields present in the body; a new key must be free in the workstream.</summary>
public sealed record UpdateTaskCommand : PatchRequest, ICommand<TaskDto>
{
    private readonly string? _key;
    private readonly string? _title;
    private readonly int? _priority;
    private readonly WorkTaskStatus? _status;
    private readonly bool? _needsHuman;

    [JsonIgnore]
    public Guid Id { get; init; }

    /// <summary>The request's <c>If-Match</c> header, if any (see <see cref="IfMatchPrecondition"/>); not part of the body.</summary>
    [JsonIgnore]
    public string? IfMatch { get; init; }

    public string? Key { get => _key; init => _key = Track(value); }

    public string? Title { get => _title; init => _title = Track(value); }

    /// <summary>1 is the most urgent.</summary>
    public int? Priority { get => _priority; init => _priority = Track(value); }

    public WorkTaskStatus? Status { get => _status; init => _status = Track(value); }

    public bool? NeedsHuman { get => _needsHuman; init => _needsHuman = Track(value); }
}

public sealed class UpdateTaskCommandValidator : AbstractValidator<UpdateTaskCommand>
{
    public UpdateTaskCommandValidator()
    {
        When(c => c.Has(nameof(UpdateTaskCommand.Key)), () =>
            RuleFor(c => c.Key).NotEmpty().MaximumLength(WorkTask.KeyMaxLength));
        When(c => c.Has(nameof(UpdateTaskCommand.Title)), () =>
            RuleFor(c => c.Title).NotEmpty().MaximumLength(WorkTask.TitleMaxLength));
        When(c => c.Has(nameof(UpdateTaskCommand.Priority)), () =>
            RuleFor(c => c.Priority).NotNull().InclusiveBetween(PriorityRange.Min, PriorityRange.Max));
        When(c => c.Has(nameof(UpdateTaskCommand.Status)), () =>
            RuleFor(c => c.Status).NotNull().IsInEnum());
        When(c => c.Has(nameof(UpdateTaskCommand.NeedsHuman)), () =>
            RuleFor(c => c.NeedsHuman).NotNull());
    }
}

internal sealed class UpdateTaskCommandHandler(IWorkTaskRepository tasks, IUnitOfWork unitOfWork, IMapper mapper)
    : ICommandHandler<UpdateTaskCommand, TaskDto>
{
    public async Task<Func<TaskDto>> Handle(UpdateTaskCommand request, CancellationToken cancellationToken)
    {
        var task = await tasks.GetByIdAsync(request.Id, cancellationToken)
            ?? throw NotFoundException.Task(request.Id);
        await unitOfWork.RequireIfMatchAsync(request.IfMatch, task, "task", cancellationToken);

        if (request.Has(nameof(request.Key)) && task.Rekey(request.Key!))
        {
            if (await tasks.KeyExistsAsync(task.WorkstreamId, task.Key, task.Id, cancellationToken))
                throw TaskConflicts.DuplicateKey(task.WorkstreamId, task.Key);
        }

        if (request.Has(nameof(request.Title)))
            task.Retitle(request.Title!);
        if (request.Has(nameof(request.Priority)))
            task.Reprioritise(request.Priority!.Value);
        if (request.Has(nameof(request.Status)))
            task.ChangeStatus(request.Status!.Value);
        if (request.Has(nameof(request.NeedsHuman)))
            task.FlagNeedsHuman(request.NeedsHuman!.Value);

        return () => mapper.Map<TaskDto>(task);
    }
}
