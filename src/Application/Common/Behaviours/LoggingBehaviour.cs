using System.Collections.Concurrent;
using System.Reflection;
using MediatR;
using Microsoft.Extensions.Logging;

namespace StateHub.Application.Common.Behaviours;

/// <summary>Logs each request by name with its identifying fields (slug, id, key), never the whole body; a periodic one at Debug.</summary>
public sealed class LoggingBehaviour<TRequest, TResponse>(ILogger<LoggingBehaviour<TRequest, TResponse>> logger)
    : IPipelineBehavior<TRequest, TResponse>
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> IdentityProperties = new();

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var level = request is Messaging.IPeriodicRequest ? LogLevel.Debug : LogLevel.Information;
        if (logger.IsEnabled(level))
        {
            var ids = string.Join(", ", IdentityOf(request!).Select(p => $"{p.Name}={p.GetValue(request)}"));
            logger.Log(level, "Handling {RequestName} {RequestIds}", typeof(TRequest).Name, ids);
        }

        return await next();
    }

    private static PropertyInfo[] IdentityOf(object request) =>
        IdentityProperties.GetOrAdd(request.GetType(), type => type
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.Name is "Id" or "Slug" or "Key" || p.Name.EndsWith("Id", StringComparison.Ordinal) || p.Name.EndsWith("Slug", StringComparison.Ordinal))
            .Where(p => p.PropertyType == typeof(string) || p.PropertyType == typeof(Guid) || p.PropertyType == typeof(Guid?))
            .ToArray());
}
