using System.Text.Json.Serialization;
using FluentValidation;
using MediatR;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Concurrency;
using StateHub.Application.Common.Exceptions;
using StateHub.Application.Common.Messaging;
using StateHub.Application.Common.Security;
using StateHub.Domain.Common;
using StateHub.Domain.Work;

namespace StateHub.Application.Tasks.Commands.UpdateTask;

/// <summary>Changes only the fields present in the body; a new key must be free in the workstream.</summary>
public sealed record UpdateTaskCommand : PatchRequest, ICommand<TaskDto>, IRepoOwnedRequest
{
    AccessTarget IRepoOwnedRequest.AccessTarget => new(AccessTargetKind.Task, Id);

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

    /// <summary>The request's <c>Claim-Token</c> header: needed to change the status of a claimed task; not part of the body.</summary>
    [JsonIgnore]
    public long? ClaimToken { get; init; }

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

internal sealed class UpdateTaskCommandHandler(IWorkstreamRepository workstreams, ITaskClaimStore claims, IUnitOfWork unitOfWork, TaskViews views, TimeProvider clock)
    : ICommandHandler<UpdateTaskCommand, TaskDto>
{
    public async Task<Func<TaskDto>> Handle(UpdateTaskCommand request, CancellationToken cancellationToken)
    {
        // Locked when the status changes, so the claim token is checked against the claim as it stands.
        var task = (request.Has(nameof(request.Status))
                ? await claims.GetForUpdateAsync(request.Id, cancellationToken)
                : await workstreams.GetTaskAsync(request.Id, cancellationToken))
            ?? throw NotFoundException.Task(request.Id);
        await unitOfWork.RequireIfMatchAsync(request.IfMatch, task, "task", cancellationToken);

        if (request.Has(nameof(request.Key)) && task.Rekey(request.Key!))
        {
            if (await workstreams.TaskKeyExistsAsync(task.WorkstreamId, task.Key, task.Id, cancellationToken))
                throw TaskConflicts.DuplicateKey(task.WorkstreamId, task.Key);
        }

        if (request.Has(nameof(request.Title)))
            task.Retitle(request.Title!);
        if (request.Has(nameof(request.Priority)))
            task.Reprioritise(request.Priority!.Value);
        if (request.Has(nameof(request.Status)))
            task.ChangeStatusAsHolder(request.Status!.Value, request.ClaimToken, clock.GetUtcNow());
        if (request.Has(nameof(request.NeedsHuman)))
            task.FlagNeedsHuman(request.NeedsHuman!.Value);

        return await views.AfterSaveAsync(task, cancellationToken);
    }
}
