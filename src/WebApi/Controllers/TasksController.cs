using Microsoft.AspNetCore.Mvc;
using StateHub.Application.Common.Paging;
using StateHub.Application.Tasks;
using StateHub.Application.Tasks.Commands.CreateTask;
using StateHub.Application.Tasks.Commands.UpdateTask;
using StateHub.Application.Tasks.Queries.GetTask;
using StateHub.Application.Tasks.Queries.ListTasks;

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

    /// <summary>Change a task's key, title, priority, status or needs_human; only fields present in the body change.</summary>
    [HttpPatch("tasks/{id}")]
    [ProducesResponseType(typeof(TaskDto), StatusCodes.Status200OK)]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType(typeof(ProblemDetails), StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType(typeof(ValidationProblemDetails), StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public Task<TaskDto> UpdateTask(Guid id, UpdateTaskCommand command, CancellationToken cancellationToken) =>
        Mediator.Send(command with { Id = id, IfMatch = IfMatch }, cancellationToken);
}
