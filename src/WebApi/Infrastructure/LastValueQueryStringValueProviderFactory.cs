using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace StateHub.WebApi.Infrastructure;

/// <summary>
/// A query parameter given more than once binds its last value, for every parameter alike, as
/// Starlette hands the last one to pydantic in the Python service (MVC's own provider hands simple
/// types the first). No operation takes a list from the query.
/// </summary>
public sealed class LastValueQueryStringValueProviderFactory : IValueProviderFactory
{
    public Task CreateValueProviderAsync(ValueProviderFactoryContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var query = context.ActionContext.HttpContext.Request.Query;
        if (query.Count > 0)
            context.ValueProviders.Add(new LastValueProvider(query));
        return Task.CompletedTask;
    }

    private sealed class LastValueProvider(IQueryCollection query)
        : QueryStringValueProvider(BindingSource.Query, query, CultureInfo.InvariantCulture)
    {
        public override ValueProviderResult GetValue(string key)
        {
            var result = base.GetValue(key);
            return result.Length > 1 ? new ValueProviderResult(result.Values[^1], result.Culture) : result;
        }
    }
}
