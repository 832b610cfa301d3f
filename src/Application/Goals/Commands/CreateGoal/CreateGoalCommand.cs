using System.Text.Json.Serialization;
using AutoMapper;
using FluentValidation;
using MediatR;
using StateHub.Application.Common.Abstractions;
using StateHub.Application.Common.Messaging;
using StateHub.Domain.Common;
using StateHub.Domain.Work;

namespace StateHub.Application.Goals.Commands.CreateGoal;

/// <summary>Adds a goal to a repo.</summary>
public sealed record CreateGoalCommand : ICommand<GoalDto>
{
    [JsonIgnore]
    public string RepoSlug { get; init; } = null!;

    public string Title { get; init; } = null!;

    public string? Description { get; init; }

    /// <summary>1 is the most urgent; 3 when absent.</summary>
    public int? Priority { get; init; }

    /// <summary>Active when absent.</summary>
    public GoalStatus? Status { get; init; }
}

public sealed class CreateGoalCommandValidator : AbstractValidator<CreateGoalCommand>
{
    public CreateGoalCommandValidator()
    {
        RuleFor(c => c.Title).NotEmpty().MaximumLength(RepoGoal.TitleMaxLength);
        RuleFor(c => c.Description).MaximumLength(RepoGoal.DescriptionMaxLength);
        RuleFor(c => c.Priority).InclusiveBetween(PriorityRange.Min, PriorityRange.Max);
        RuleFor(c => c.Status).IsInEnum();
    }
}

internal sealed class CreateGoalCommandHandler(IRepoRepository repos, IGoalRepository goals, IMapper mapper)
    : ICommandHandler<CreateGoalCommand, GoalDto>
{
    public async Task<Func<GoalDto>> Handle(CreateGoalCommand request, CancellationToken cancellationToken)
    {
        var repo = await repos.GetRequiredBySlugAsync(request.RepoSlug, cancellationToken);

        var goal = RepoGoal.Create(repo.Id, request.Title, request.Description, request.Priority ?? RepoGoal.DefaultPriority);
        if (request.Status is { } status)
            goal.ChangeStatus(status);
        goals.Add(goal);

        return () => mapper.Map<GoalDto>(goal) with { RepoSlug = repo.Slug };
    }
}
