using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace StateHub.WebApi.Infrastructure;

/// <summary>
/// Binds <c>bool</c> and <c>bool?</c> query, route and header values the way pydantic reads them in
/// the Python service: <c>true/false</c>, <c>1/0</c>, <c>yes/no</c>, <c>on/off</c>, <c>t/f</c>,
/// <c>y/n</c>, in any case. An empty value (<c>?fix=</c>) counts as not given, so the parameter keeps
/// its default. Anything else is a 422 naming the parameter and the accepted values.
/// </summary>
public sealed class BooleanModelBinder : IModelBinder
{
    public const string AcceptedValues = "true/false, 1/0, yes/no, on/off, t/f, y/n (any case)";

    private static readonly string[] TrueWords = ["true", "1", "yes", "on", "t", "y"];
    private static readonly string[] FalseWords = ["false", "0", "no", "off", "f", "n"];

    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        ArgumentNullException.ThrowIfNull(bindingContext);
        var result = bindingContext.ValueProvider.GetValue(bindingContext.ModelName);
        // Starlette hands a repeated parameter's last value to pydantic (for the query, the value
        // provider already gives only that one).
        var raw = result.Length == 0 ? null : result.Values[result.Length - 1];
        if (string.IsNullOrEmpty(raw))
            return Task.CompletedTask;

        bindingContext.ModelState.SetModelValue(bindingContext.ModelName, result);
        if (TryParse(raw, out var value))
        {
            bindingContext.Result = ModelBindingResult.Success(value);
        }
        else
        {
            bindingContext.ModelState.TryAddModelError(
                bindingContext.ModelName,
                $"'{raw}' is not a valid boolean for {bindingContext.ModelName}; use {AcceptedValues}.");
            bindingContext.Result = ModelBindingResult.Failed();
        }

        return Task.CompletedTask;
    }

    /// <summary>Reads one value as pydantic does: exact words, compared without regard to case, no trimming.</summary>
    public static bool TryParse(string? text, out bool value)
    {
        value = false;
        if (text is null)
            return false;
        if (TrueWords.Contains(text, StringComparer.OrdinalIgnoreCase))
        {
            value = true;
            return true;
        }

        return FalseWords.Contains(text, StringComparer.OrdinalIgnoreCase);
    }
}

/// <summary>Uses <see cref="BooleanModelBinder"/> for every <c>bool</c>/<c>bool?</c> bound from the request outside the body.</summary>
public sealed class BooleanModelBinderProvider : IModelBinderProvider
{
    private static readonly BooleanModelBinder Binder = new();

    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Metadata.UnderlyingOrModelType != typeof(bool))
            return null;
        var source = context.BindingInfo.BindingSource;
        if (source is not null && (source == BindingSource.Body || !source.IsFromRequest))
            return null;
        return Binder;
    }
}
