using System.ComponentModel;
using MediatR;
using ModelContextProtocol.Server;
using StateHub.Application.Workplans.Commands.SyncRepo;
using StateHub.WebApi.Security;

namespace StateHub.WebApi.Mcp.Tools;

/// <summary>Workplan sync as an MCP tool; sends the request <c>RepoSyncController</c> sends.</summary>
[McpServerToolType]
public sealed class WorkplanTools(IMediator mediator)
{
    [Sends(typeof(SyncRepoCommand))]
    [McpServerTool(Name = "sync_repo", Title = "Sync a repo's workplan files with the hub", ReadOnly = false, Destructive = false, Idempotent = true, OpenWorld = false)]
    [Description("Compares the repo's workplan files (workplans/*.md, each with YAML front matter: id, title, status and tasks) with the "
        + "workstreams and tasks the hub holds, and with fix=true (the default) makes the hub match the files in one transaction: "
        + "creates what is missing, updates statuses and titles, archives or cancels orphans (never deletes), sets last_state_synced_at "
        + "and logs a progress event (HTTP twin: POST /repos/{slug}/sync). Returns the drift found (kind: missing_in_hub, status_mismatch, "
        + "title_mismatch, orphan_in_hub or invalid_file, with workstream_key, task_key, file_value, hub_value, path) and the changes made. "
        + "The files are read from the repo's directory on the hub's host, or taken from the files argument when the hub cannot read it; "
        + "with neither, the call fails saying how to register a path. Run it after editing workplan files.")]
    public Task<SyncReportDto> SyncRepo(
        [Description("Slug of the registered repo to sync.")] string repo_slug,
        [Description("true (default): change the hub to match the files; false: only report the drift, changing nothing.")] bool fix = true,
        [Description("The repo's complete set of workplan files, for when the hub's host cannot read the repo: a list of "
            + "{\"path\": \"workplans/<name>.md\", \"content\": \"<the file's full text>\"}. A workstream whose file is missing from the "
            + "list counts as an orphan. Leave out to have the hub read the repo's directory.")] IReadOnlyList<WorkplanFileInput>? files = null,
        CancellationToken cancellationToken = default) =>
        mediator.Send(new SyncRepoCommand { Slug = repo_slug, Fix = fix, Files = files }, cancellationToken);
}
