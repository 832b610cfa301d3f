using System.Text.Json;

namespace StateHub.Client;

/// <summary>
/// Thrown by every generated client for a response other than the documented success. A problem
/// response (4xx/5xx, <c>application/problem+json</c>) surfaces its <see cref="Status"/>,
/// <see cref="Detail"/>, <see cref="Title"/>, <see cref="TraceId"/> and, for a 422, the per-field
/// <see cref="Errors"/>, whatever the operation and whether or not it documented that status.
/// </summary>
public partial class StateHubApiException
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> NoErrors = new Dictionary<string, IReadOnlyList<string>>();
    private IStateHubProblem? _parsedProblem;
    private bool _responseParsed;

    /// <summary>The HTTP status code of the response.</summary>
    public int Status => StatusCode;

    /// <summary>The problem the service sent, or null when the body was not a problem.</summary>
    public IStateHubProblem? Problem => TypedProblem ?? ParsedProblem;

    /// <summary>The problem's human-readable explanation.</summary>
    public string? Detail => Problem?.Detail;

    /// <summary>The problem's short summary.</summary>
    public string? Title => Problem?.Title;

    /// <summary>The request's trace id, to quote when reporting a 500.</summary>
    public string? TraceId => Problem?.TraceId;

    /// <summary>For a validation problem (422), each offending field (snake_case) and its messages; otherwise empty.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Errors =>
        Problem is ValidationProblemDetails { Errors: { } errors }
            ? errors.ToDictionary(e => e.Key, e => (IReadOnlyList<string>)e.Value.ToList())
            : NoErrors;

    public override string Message => Detail is null
        ? base.Message
        : $"State Hub answered {Status} {Title}: {Detail}";

    /// <summary>The problem deserialised by the generated client, when the operation documents the status.</summary>
    protected virtual IStateHubProblem? TypedProblem => null;

    private IStateHubProblem? ParsedProblem
    {
        get
        {
            if (!_responseParsed)
            {
                _parsedProblem = ParseResponse();
                _responseParsed = true;
            }

            return _parsedProblem;
        }
    }

    private IStateHubProblem? ParseResponse()
    {
        if (string.IsNullOrWhiteSpace(Response))
            return null;
        try
        {
            using var json = JsonDocument.Parse(Response);
            if (json.RootElement.ValueKind != JsonValueKind.Object || !json.RootElement.TryGetProperty("detail", out _))
                return null;
            var options = StateHubJson.Configure(new JsonSerializerOptions());
            return json.RootElement.TryGetProperty("errors", out _)
                ? json.RootElement.Deserialize<ValidationProblemDetails>(options)
                : json.RootElement.Deserialize<ProblemDetails>(options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

public partial class StateHubApiException<TResult>
{
    protected override IStateHubProblem? TypedProblem => Result as IStateHubProblem;
}
