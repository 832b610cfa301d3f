using Microsoft.AspNetCore.Mvc;
using StateHub.Application.Common.Paging;
using StateHub.Application.Goals;
using StateHub.Application.Goals.Commands.CreateGoal;
using StateHub.Application.Goals.Commands.UpdateGoal;
using StateHub.Application.Goals.Queries.GetGoal;
using StateHub.Application.Goals.Queries.ListGoals;

namespace StateHub.WebApi.Controllers;

/// <summary>What each repo is working towards.</summary>
public sealed class GoalsController : ApiControllerBase
{
    /// <summary>List a repo's goals, most urgent first (priority, then creation).</summary>
    [HttpGet("repos/{slug}/goals")]
    [ProducesResponseType(typeof(IReadOnlyList<GoalDto>), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IReadOnlyList<GoalDto>> ListGoals(
        string slug,
        [FromQuery(Name = "limit")] int? limit,
        [FromQuery(Name = "cursor")] string? cursor,
        CancellationToken cancellationToken) =>
        Paged(await Mediator.Send(new ListGoalsQuery(slug) { Limit = limit, Cursor = cursor }, cancellationToken));

    /// <summary>Add a goal to a repo.</summary>
    [HttpPost("repos/{slug}/goals")]
    [ProducesResponseType(typeof(GoalDto), StatusCodes.Status201Created)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public async Task<ActionResult<GoalDto>> CreateGoal(string slug, CreateGoalCommand command, CancellationToken cancellationToken)
    {
        var goal = await Mediator.Send(command with { RepoSlug = slug }, cancellationToken);
        return CreatedAtAction(nameof(GetGoal), new { id = goal.Id }, goal);
    }

    /// <summary>Get one goal.</summary>
    [HttpGet("goals/{id}")]
    [ProducesResponseType(typeof(GoalDto), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public Task<GoalDto> GetGoal(Guid id, CancellationToken cancellationToken) =>
        Mediator.Send(new GetGoalQuery(id), cancellationToken);

    /// <summary>Change a goal's title, description, priority or status; only fields present in the body change.</summary>
    [HttpPatch("goals/{id}")]
    [ProducesResponseType(typeof(GoalDto), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public Task<GoalDto> UpdateGoal(Guid id, UpdateGoalCommand command, CancellationToken cancellationToken) =>
        Mediator.Send(command with { Id = id, IfMatch = IfMatch }, cancellationToken);
}
