using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using MediatR;
using ModelContextProtocol.Server;
using StateHub.Application.ProgressEvents;
using StateHub.Application.ProgressEvents.Commands.LogProgressEvent;
using StateHub.WebApi.Security;

namespace StateHub.WebApi.Mcp.Tools;

/// <summary>A repo's timeline as MCP tools; each sends the request its HTTP twin in <c>ProgressEventsController</c> sends.</summary>
[McpServerToolType]
public sealed class ProgressEventTools(IMediator mediator)
{
    [Sends(typeof(LogProgressEventCommand))]
    [McpServerTool(Name = "log_progress", Title = "Log a progress event", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false)]
    [Description("Adds an entry to a repo's timeline of progress events (HTTP twin: POST /repos/{slug}/events), e.g. when a task is done, "
        + "a release is cut or the agent is blocked. Returns the logged event. Fails when the repo is not registered.")]
    public Task<ProgressEventDto> LogProgress(
        [Description("Slug of the registered repo the event belongs to.")] string repo_slug,
        [Description("What kind of thing happened, a short snake_case word, e.g. \"task_done\", \"blocked\", \"release\".")] string kind,
        [Description("What happened, in one sentence a maintainer can read on the timeline.")] string summary,
        [Description("Structured details as a JSON object (at most 64 KiB of JSON, nesting at most 32 levels), e.g. {\"task_key\": \"T01\", \"workstream_key\": \"CUST-WP-0033\"}; "
            + "returned exactly as logged. Leave out when there are none.")] JsonObject? data = null,
        CancellationToken cancellationToken = default) =>
        mediator.Send(new LogProgressEventCommand
        {
            RepoSlug = repo_slug,
            Kind = kind,
            Summary = summary,
            Data = data is null ? null : JsonSerializer.SerializeToElement(data, McpJson.Options),
        }, cancellationToken);
}
