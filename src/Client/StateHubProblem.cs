namespace StateHub.Client;

/// <summary>What every State Hub error response carries: RFC 9457 problem details with a human-readable <see cref="Detail"/>.</summary>
public interface IStateHubProblem
{
    /// <summary>The HTTP status code.</summary>
    int Status { get; }

    /// <summary>A short summary of the kind of problem.</summary>
    string Title { get; }

    /// <summary>What went wrong, for a human or an agent to act on.</summary>
    string Detail { get; }

    /// <summary>The request path the problem occurred on.</summary>
    string? Instance { get; }

    /// <summary>Identifies the request in the service's logs.</summary>
    string TraceId { get; }
}

public partial class ProblemDetails : IStateHubProblem
{
}

public partial class ValidationProblemDetails : IStateHubProblem
{
}
