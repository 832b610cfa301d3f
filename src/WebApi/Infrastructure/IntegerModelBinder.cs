using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Binders;

namespace StateHub.WebApi.Infrastructure;

/// <summary>
/// Binds <c>int</c> and <c>long</c> (and their nullable forms) from the query and the route as
/// decimal digits with an optional sign, as pydantic reads them in the Python service. MVC's own
/// binder goes through the type converter, which also reads <c>0x10</c>, <c>#10</c> and <c>&amp;h10</c>
/// as sixteen; those are now a 422 like <c>abc</c>. Everything else (an empty value, the message of a
/// refusal, a value out of range) is left to MVC's binder, so those answers are unchanged.
/// </summary>
public sealed class IntegerModelBinder(IModelBinder inner) : IModelBinder
{
    public async Task BindModelAsync(ModelBindingContext bindingContext)
    {
        ArgumentNullException.ThrowIfNull(bindingContext);
        var result = bindingContext.ValueProvider.GetValue(bindingContext.ModelName);
        var raw = result.Length == 0 ? null : result.Values[result.Length - 1];
        if (!string.IsNullOrWhiteSpace(raw) && !IsDecimal(raw))
        {
            bindingContext.ModelState.SetModelValue(bindingContext.ModelName, result);
            bindingContext.ModelState.TryAddModelError(
                bindingContext.ModelName,
                bindingContext.ModelMetadata.ModelBindingMessageProvider.AttemptedValueIsInvalidAccessor(raw, bindingContext.ModelName));
            bindingContext.Result = ModelBindingResult.Failed();
            return;
        }

        await inner.BindModelAsync(bindingContext);
    }

    /// <summary>Optional surrounding spaces, an optional sign, then ASCII digits only.</summary>
    public static bool IsDecimal(string text)
    {
        var digits = text.AsSpan().Trim();
        if (digits.Length > 0 && (digits[0] == '+' || digits[0] == '-'))
            digits = digits[1..];
        return digits.Length > 0 && !digits.ContainsAnyExceptInRange('0', '9');
    }
}

/// <summary>Uses <see cref="IntegerModelBinder"/> for every <c>int</c>/<c>long</c> bound from the query or the route.</summary>
public sealed class IntegerModelBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var type = context.Metadata.UnderlyingOrModelType;
        if (type != typeof(int) && type != typeof(long))
            return null;
        // Headers are bound by MVC's header binder, which reads them through a value provider of its own.
        var source = context.BindingInfo.BindingSource;
        if (source is not null && (source == BindingSource.Body || source == BindingSource.Header || !source.IsFromRequest))
            return null;
        var loggers = context.Services.GetRequiredService<ILoggerFactory>();
        return new IntegerModelBinder(new SimpleTypeModelBinder(context.Metadata.ModelType, loggers));
    }
}
