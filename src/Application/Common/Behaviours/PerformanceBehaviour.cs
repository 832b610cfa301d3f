using System.Diagnostics;
using MediatR;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace StateHub.Application.Common.Behaviours;

public sealed class PerformanceOptions
{
    public const string SectionName = "Performance";

    /// <summary>Requests slower than this are logged as warnings.</summary>
    public int SlowRequestThresholdMs { get; set; } = 500;
}

/// <summary>
/// Warns about requests slower than the configured threshold, except the first of each kind in the
/// process: that one pays for JIT compilation, the EF model and the mapper's configuration, and
/// is logged at Information instead, so that a cold start does not look like a fault.
/// </summary>
public sealed class PerformanceBehaviour<TRequest, TResponse>(
    ILogger<PerformanceBehaviour<TRequest, TResponse>> logger,
    IOptions<PerformanceOptions> options)
    : IPipelineBehavior<TRequest, TResponse>
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, bool> Warmed = new();

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var started = Stopwatch.GetTimestamp();
        var response = await next();
        var elapsed = Stopwatch.GetElapsedTime(started);
        var first = Warmed.TryAdd(typeof(TRequest), true);
        if (elapsed.TotalMilliseconds <= options.Value.SlowRequestThresholdMs)
            return response;
        if (first)
            logger.LogInformation("First {RequestName} took {ElapsedMs} ms (warming up)", typeof(TRequest).Name, (long)elapsed.TotalMilliseconds);
        else
            logger.LogWarning("Slow request {RequestName} took {ElapsedMs} ms", typeof(TRequest).Name, (long)elapsed.TotalMilliseconds);
        return response;
    }
}
