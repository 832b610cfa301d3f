using Microsoft.AspNetCore.Mvc;
using StateHub.Application.Common.Paging;
using StateHub.Application.Tasks;
using StateHub.Application.Tasks.Commands.AddDependency;
using StateHub.Application.Tasks.Commands.ClaimNextTask;
using StateHub.Application.Tasks.Commands.ClaimTask;
using StateHub.Application.Tasks.Commands.CreateTask;
using StateHub.Application.Tasks.Commands.ReleaseTask;
using StateHub.Application.Tasks.Commands.RemoveDependency;
using StateHub.Application.Tasks.Commands.RenewClaim;
using StateHub.Application.Tasks.Commands.UpdateTask;
using StateHub.Application.Tasks.Queries.GetTask;
using StateHub.Application.Tasks.Queries.ListTasks;
using StateHub.WebApi.OpenApi;
using StateHub.WebApi.Security;

namespace StateHub.WebApi.Controllers;

/// <summary>The tasks of workstreams.</summary>
public sealed class TasksController : ApiControllerBase
{
    /// <summary>List a workstream's tasks, most urgent first (priority, then creation).</summary>
    [HttpGet("workstreams/{id}/tasks")]
    [ProducesResponseType(typeof(IReadOnlyList<TaskDto>), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public async Task<IReadOnlyList<TaskDto>> ListTasks(
        Guid id,
        [FromQuery(Name = "limit")] int? limit,
        [FromQuery(Name = "cursor")] string? cursor,
        CancellationToken cancellationToken) =>
        Paged(await Mediator.Send(new ListTasksQuery(id) { Limit = limit, Cursor = cursor }, cancellationToken));

    /// <summary>Add a task to a workstream; its key must be new in the workstream.</summary>
    [HttpPost("workstreams/{id}/tasks")]
    [ProducesResponseType(typeof(TaskDto), StatusCodes.Status201Created)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public async Task<ActionResult<TaskDto>> CreateTask(Guid id, CreateTaskCommand command, CancellationToken cancellationToken)
    {
        var task = await Mediator.Send(command with { WorkstreamId = id }, cancellationToken);
        return CreatedAtAction(nameof(GetTask), new { id = task.Id }, task);
    }

    /// <summary>Get one task.</summary>
    [HttpGet("tasks/{id}")]
    [ProducesResponseType(typeof(TaskDto), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public Task<TaskDto> GetTask(Guid id, CancellationToken cancellationToken) =>
        Mediator.Send(new GetTaskQuery(id), cancellationToken);

    /// <summary>
    /// Change a task's key, title, priority, status or needs_human; only fields present in the body change.
    /// While the task is claimed, changing its status needs the current claim token in the Claim-Token header (409 otherwise).
    /// </summary>
    [HttpPatch("tasks/{id}")]
    [ProducesResponseType(typeof(TaskDto), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public Task<TaskDto> UpdateTask(Guid id, UpdateTaskCommand command, [FromHeader(Name = "Claim-Token")] long? claimToken, CancellationToken cancellationToken) =>
        Mediator.Send(command with { Id = id, IfMatch = IfMatch, ClaimToken = claimToken }, cancellationToken);

    /// <summary>
    /// Claim a task for ttl_seconds (5–86400, default 900): a todo task, or an in_progress one whose claim expired,
    /// becomes in_progress with a new claim_token; the same claimant again renews. Held by someone else, finished or
    /// not ready (blocked) → 409 naming the holder and expiry, or the blockers.
    /// </summary>
    [HttpPost("tasks/{id}/claim")]
    [ProducesResponseType(typeof(TaskDto), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public Task<TaskDto> ClaimTask(Guid id, ClaimTaskCommand command, CancellationToken cancellationToken) =>
        Mediator.Send(command with { Id = id, IfMatch = IfMatch }, cancellationToken);

    /// <summary>Extend the current claim to now + ttl_seconds; a stale claim_token or an expired claim → 409.</summary>
    [HttpPost("tasks/{id}/renew")]
    [ProducesResponseType(typeof(TaskDto), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public Task<TaskDto> RenewClaim(Guid id, RenewClaimCommand command, CancellationToken cancellationToken) =>
        Mediator.Send(command with { Id = id, IfMatch = IfMatch }, cancellationToken);

    /// <summary>End the current claim, leaving the task todo (default), done, blocked or cancelled; a stale claim_token → 409.</summary>
    [HttpPost("tasks/{id}/release")]
    [ProducesResponseType(typeof(TaskDto), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public Task<TaskDto> ReleaseTask(Guid id, ReleaseTaskCommand command, CancellationToken cancellationToken) =>
        Mediator.Send(command with { Id = id, IfMatch = IfMatch }, cancellationToken);

    /// <summary>
    /// Claim the most urgent ready, unclaimed task of the repo's active workstreams (priority, then creation):
    /// 200 with the task, or 204 when none is ready. Concurrent calls claim different tasks.
    /// </summary>
    [HttpPost("repos/{slug}/claim-next")]
    [NotConditional]
    [ProducesResponseType(typeof(TaskDto), StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public async Task<ActionResult<TaskDto>> ClaimNextTask(string slug, ClaimNextTaskCommand command, CancellationToken cancellationToken)
    {
        var task = await Mediator.Send(command with { Slug = slug }, cancellationToken);
        return task is null ? NoContent() : task;
    }

    /// <summary>
    /// Make the task wait for another task (any repo; done or cancelled frees it) or for an interface change (resolved frees it).
    /// A dependency that would close a cycle → 409 naming it; a duplicate → 409.
    /// </summary>
    [HttpPost("tasks/{id}/dependencies")]
    [ProducesResponseType(typeof(DependencyDto), StatusCodes.Status201Created)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public async Task<ActionResult<DependencyDto>> AddDependency(Guid id, AddDependencyCommand command, CancellationToken cancellationToken)
    {
        var dependency = await Mediator.Send(command with { TaskId = id }, cancellationToken);
        return CreatedAtAction(nameof(GetTask), new { id }, dependency);
    }

    /// <summary>Remove one of the task's dependencies.</summary>
    [Sends(typeof(RemoveDependencyCommand))]
    [HttpDelete("tasks/{id}/dependencies/{dependency_id}")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public async Task<IActionResult> RemoveDependency(Guid id, [FromRoute(Name = "dependency_id")] Guid dependencyId, CancellationToken cancellationToken)
    {
        await Mediator.Send(new RemoveDependencyCommand(id, dependencyId), cancellationToken);
        return NoContent();
    }
}
