using System.ComponentModel;
using MediatR;
using ModelContextProtocol.Server;
using StateHub.Application.Doi;
using StateHub.Application.Doi.Queries.GetRepoDoi;

namespace StateHub.WebApi.Mcp.Tools;

/// <summary>DoI as an MCP tool; sends the request <c>RepoDoiController</c> sends.</summary>
[McpServerToolType]
public sealed class DoiTools(IMediator mediator)
{
    [McpServerTool(Name = "evaluate_doi", Title = "Evaluate a repo's Definition of Integration", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Scores a repo against the 14 Definition of Integration criteria (HTTP twin: GET /repos/{slug}/doi). Returns its tier "
        + "(none, core, standard or full), each criterion (id C1-C14, tier, status pass/fail/skip, and a detail that says how to fix a "
        + "failure), next_tier and next_tier_blockers (the failing criteria to fix first). A cached result is served while none of its "
        + "inputs changed (cached: true). Fails when the repo is not registered.")]
    public Task<DoiReportDto> EvaluateDoi(
        [Description("Slug of the registered repo to evaluate.")] string repo_slug,
        [Description("true: evaluate again even when the cached result still matches its inputs; default false.")] bool force_refresh = false,
        CancellationToken cancellationToken = default) =>
        mediator.Send(new GetRepoDoiQuery(repo_slug, force_refresh), cancellationToken);
}
