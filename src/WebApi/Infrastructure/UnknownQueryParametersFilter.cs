using System.Collections.Concurrent;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace StateHub.WebApi.Infrastructure;

/// <summary>
/// A query parameter the operation does not take is a 422 naming it (§15), like an unknown body
/// field: a typo (<c>?unred=true</c>) never silently does nothing. Knows each controller action's
/// query-bound parameters from its descriptor; runs before model binding. Only API controllers are
/// checked: health, OpenAPI/Swagger, the dashboard and MCP are not controller actions. Names match
/// exactly, as body fields and the Python service's parameters do: <c>?Domain=</c> is unknown.
/// </summary>
public sealed class UnknownQueryParametersFilter : IResourceFilter
{
    private static readonly ConcurrentDictionary<string, HashSet<string>> Accepted = new();

    public void OnResourceExecuting(ResourceExecutingContext context)
    {
        if (context.ActionDescriptor is not ControllerActionDescriptor action || context.HttpContext.Request.Query.Count == 0)
            return;

        var accepted = Accepted.GetOrAdd(action.Id, _ => QueryNames(action));
        var unknown = context.HttpContext.Request.Query.Keys.Where(k => !accepted.Contains(k)).ToList();
        if (unknown.Count == 0)
            return;

        var takes = accepted.Count == 0 ? "This operation takes no query parameters." : $"This operation takes: {string.Join(", ", accepted.Order(StringComparer.Ordinal))}.";
        // An empty name is reported under "query"; grouping keeps "?=1&query=x" from colliding.
        var errors = unknown
            .GroupBy(name => name.Length == 0 ? "query" : name, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Select(name => $"Unknown query parameter '{name}'. {takes}").ToArray());
        var problem = Problems.Validation(errors);
        problem.Detail = $"Unknown query parameter{(unknown.Count == 1 ? string.Empty : "s")}: {string.Join(", ", unknown.Select(n => $"'{n}'"))}. {takes}";
        context.Result = new ProblemResult(problem);
    }

    public void OnResourceExecuted(ResourceExecutedContext context)
    {
    }

    /// <summary>The names the action binds from the query, including the properties of a [FromQuery] object.</summary>
    private static HashSet<string> QueryNames(ControllerActionDescriptor action)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var parameter in action.Parameters)
        {
            var source = parameter.BindingInfo?.BindingSource;
            if (source == BindingSource.Query || source == BindingSource.ModelBinding)
            {
                if (IsSimple(parameter.ParameterType))
                    names.Add(parameter.BindingInfo?.BinderModelName ?? parameter.Name);
                else
                {
                    foreach (var property in parameter.ParameterType.GetProperties())
                    {
                        var fromQuery = property.GetCustomAttributes(typeof(Microsoft.AspNetCore.Mvc.FromQueryAttribute), inherit: true)
                            .Cast<Microsoft.AspNetCore.Mvc.FromQueryAttribute>().FirstOrDefault();
                        if (fromQuery is not null || source == BindingSource.Query)
                            names.Add(fromQuery?.Name ?? property.Name);
                    }
                }
            }
        }

        return names;
    }

    private static bool IsSimple(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(Guid) || type == typeof(DateTimeOffset)
            || type == typeof(DateTime) || type == typeof(DateOnly) || type == typeof(decimal);
    }
}
