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

namespace StateHub.Application.Goals.Commands.UpdateGoal;

/// <summary>Changes only the fields present in the body.</summary>
public sealed record UpdateGoalCommand : PatchRequest, ICommand<GoalDto>
{
    private readonly string? _title;
    private readonly string? _description;
    private readonly int? _priority;
    private readonly GoalStatus? _status;

    [JsonIgnore]
    public Guid Id { get; init; }

    /// <summary>The request's <c>If-Match</c> header, if any (see <see cref="IfMatchPrecondition"/>); not part of the body.</summary>
    [JsonIgnore]
    public string? IfMatch { get; init; }

    public string? Title { get => _title; init => _title = Track(value); }

    public string? Description { get => _description; init => _description = Track(value); }

    /// <summary>1 is the most urgent.</summary>
    public int? Priority { get => _priority; init => _priority = Track(value); }

    public GoalStatus? Status { get => _status; init => _status = Track(value); }
}

public sealed class UpdateGoalCommandValidator : AbstractValidator<UpdateGoalCommand>
{
    public UpdateGoalCommandValidator()
    {
        When(c => c.Has(nameof(UpdateGoalCommand.Title)), () =>
            RuleFor(c => c.Title).NotEmpty().MaximumLength(RepoGoal.TitleMaxLength));
        RuleFor(c => c.Description).MaximumLength(RepoGoal.DescriptionMaxLength);
        When(c => c.Has(nameof(UpdateGoalCommand.Priority)), () =>
            RuleFor(c => c.Priority).NotNull().InclusiveBetween(PriorityRange.Min, PriorityRange.Max));
        When(c => c.Has(nameof(UpdateGoalCommand.Status)), () =>
            RuleFor(c => c.Status).NotNull().IsInEnum());
    }
}

internal sealed class UpdateGoalCommandHandler(IGoalRepository goals, IUnitOfWork unitOfWork, IMapper mapper)
    : ICommandHandler<UpdateGoalCommand, GoalDto>
{
    public async Task<Func<GoalDto>> Handle(UpdateGoalCommand request, CancellationToken cancellationToken)
    {
        var goal = await goals.GetByIdAsync(request.Id, cancellationToken)
            ?? throw NotFoundException.Goal(request.Id);
        await unitOfWork.RequireIfMatchAsync(request.IfMatch, goal, "goal", cancellationToken);

        if (request.Has(nameof(request.Title)))
            goal.Retitle(request.Title!);
        if (request.Has(nameof(request.Description)))
            goal.Describe(request.Description);
        if (request.Has(nameof(request.Priority)))
            goal.Reprioritise(request.Priority!.Value);
        if (request.Has(nameof(request.Status)))
            goal.ChangeStatus(request.Status!.Value);


        return () => mapper.Map<GoalDto>(goal);
    }
}
