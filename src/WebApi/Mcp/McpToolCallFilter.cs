using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using StateHub.Application.Common.Exceptions;
using StateHub.Application.Common.Security;
using StateHub.WebApi.Infrastructure;
using StateHub.WebApi.Security;

namespace StateHub.WebApi.Mcp;

/// <summary>
/// The binding step every tool call goes through, in one place for all tools. It first asks the
/// access policy what it can decide from the request the tool sends (<see cref="SendsAttribute"/>)
/// and the repo the call names (its <c>repo_slug</c> argument), as the HTTP API does before it reads
/// a body (§10: a key without the right is refused before any other check). It then checks the
/// call's arguments against the tool's input schema and the types of the tool's parameters
/// (<see cref="McpArgumentValidator"/>, with what <see cref="McpParamsGuard"/> found unreadable),
/// and turns what a tool throws into a tool result with <c>isError: true</c>, so that the agent reads
/// the same <c>detail</c> an HTTP client would and can correct itself: the exception goes through
/// <see cref="ExceptionProblemTranslator"/>, the HTTP exception handler's own mapping. The result's
/// text is the problem's detail; its structured content is the problem (status, title, detail,
/// errors, trace_id).
/// </summary>
public static class McpToolCallFilter
{
    /// <summary>The argument that names the repo a tool call writes to, for the early access decision.</summary>
    public const string RepoSlugArgument = "repo_slug";

    public static McpRequestHandler<CallToolRequestParams, CallToolResult> Wrap(McpRequestHandler<CallToolRequestParams, CallToolResult> next) =>
        async (context, cancellationToken) =>
        {
            try
            {
                var tool = context.MatchedPrimitive as McpServerTool;
                if (tool is null && context.Params?.Name is { } name)
                    context.Server.ServerOptions.ToolCollection?.TryGetPrimitive(name, out tool);
                if (tool is not null && context.Params is { } call)
                {
                    // §10: a key without the right is refused before any other check.
                    if (RequestType(tool) is { } requestType
                        && context.Services?.GetService<ICurrentCaller>() is { } current
                        && AccessPolicy.RefusalByType(current.Caller, requestType, RepoSlug(call.Arguments)) is { } refusal)
                        throw refusal;
                    if (McpParamsGuard.ArgumentErrors(context) is { } unreadable)
                        throw new RequestValidationException(unreadable);
                    call.Arguments = WithoutNullOptionalArguments(tool.ProtocolTool.InputSchema, call.Arguments);
                    var errors = McpArgumentValidator.Validate(tool.ProtocolTool.InputSchema, call.Arguments, ArgumentTypes(tool));
                    if (errors.Count > 0)
                        throw new RequestValidationException(errors);
                }

                return await next(context, cancellationToken);
            }
            // A protocol error (an unknown tool) stays a JSON-RPC error, and a cancelled call stays cancelled.
            catch (Exception exception) when (exception is not McpProtocolException
                && !(exception is OperationCanceledException && cancellationToken.IsCancellationRequested))
            {
                var services = context.Services ?? throw new InvalidOperationException("The MCP request has no service provider.", exception);
                var toolName = context.Params?.Name ?? "(unnamed)";
                var problem = BindingProblem(exception, toolName)
                    ?? services.GetRequiredService<ExceptionProblemTranslator>().Translate(exception, $"MCP tool {toolName}");
                var traceId = Problems.TraceId(services.GetService<IHttpContextAccessor>()?.HttpContext);
                return ToResult(problem, traceId);
            }
        };

    /// <summary>The application request the tool sends, as its <see cref="SendsAttribute"/> declares it.</summary>
    public static Type? RequestType(McpServerTool tool) => tool.Metadata.OfType<SendsAttribute>().FirstOrDefault()?.RequestType;

    /// <summary>The repo a call names, when its <c>repo_slug</c> argument is a string.</summary>
    private static string? RepoSlug(IDictionary<string, JsonElement>? arguments) =>
        arguments is not null && arguments.TryGetValue(RepoSlugArgument, out var slug) && slug.ValueKind == JsonValueKind.String
            ? slug.GetString()
            : null;

    /// <summary>The .NET type each argument binds to: the tool method's parameters (the SDK keeps the method in the tool's metadata).</summary>
    private static Dictionary<string, Type>? ArgumentTypes(McpServerTool tool) =>
        tool.Metadata.OfType<MethodInfo>().FirstOrDefault()?.GetParameters()
            .Where(p => p.Name is not null)
            .ToDictionary(p => p.Name!, p => Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType, StringComparer.Ordinal);

    /// <summary>An optional argument passed as null is one not given: the tool's default applies.</summary>
    private static Dictionary<string, JsonElement>? WithoutNullOptionalArguments(JsonElement inputSchema, IDictionary<string, JsonElement>? arguments)
    {
        if (arguments is null)
            return null;
        var required = inputSchema.TryGetProperty("required", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(r => r.GetString()).ToHashSet(StringComparer.Ordinal)
            : [];
        return arguments
            .Where(a => a.Value.ValueKind != JsonValueKind.Null || required.Contains(a.Key))
            .ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
    }

    /// <summary>
    /// A tool result carrying <paramref name="problem"/>, as an HTTP client would have received it,
    /// except that a 500 always says only that something unexpected happened, with its trace id,
    /// even in Development: a tool result lands in an agent's context, and the exception is in the log.
    /// </summary>
    public static CallToolResult ToResult(ProblemDetails problem, string? traceId)
    {
        var detail = problem.Detail ?? problem.Title ?? "The tool call failed.";
        if (problem.Status == StatusCodes.Status500InternalServerError)
            detail = traceId is null
                ? ExceptionProblemTranslator.UnexpectedErrorDetail
                : $"{ExceptionProblemTranslator.UnexpectedErrorDetail} (trace_id: {traceId})";

        var structured = new JsonObject
        {
            ["status"] = problem.Status,
            ["title"] = problem.Title,
            ["detail"] = detail,
        };
        if (problem is ValidationProblemDetails validation)
            structured["errors"] = JsonSerializer.SerializeToNode(validation.Errors, McpJson.Options);
        if (traceId is not null)
            structured["trace_id"] = traceId;

        return new CallToolResult
        {
            IsError = true,
            Content = [new TextContentBlock { Text = detail }],
            StructuredContent = JsonSerializer.SerializeToElement(structured, McpJson.Options),
        };
    }

    /// <summary>
    /// An <see cref="McpException"/> is the SDK's (or a tool's) way of saying the call itself is
    /// wrong; its message is written for the caller. Anything else is for the shared translator.
    /// </summary>
    private static ProblemDetails? BindingProblem(Exception exception, string toolName) => exception switch
    {
        McpException ex => Validation($"{toolName}: {ex.Message}"),
        _ => null,
    };

    private static ValidationProblemDetails Validation(string detail) => new()
    {
        Status = StatusCodes.Status422UnprocessableEntity,
        Title = "Validation failed",
        Detail = detail,
    };
}
