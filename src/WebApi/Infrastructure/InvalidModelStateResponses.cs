using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace StateHub.WebApi.Infrastructure;

/// <summary>
/// What MVC answers when binding fails before a handler runs: a body that is not JSON is a 400;
/// anything else (unknown field, wrong type, unparsable query or route value) is a 422 with an errors map.
/// </summary>
public static class InvalidModelStateResponses
{
    public static IActionResult Create(ActionContext context)
    {
        var malformed = context.HttpContext.Items.ContainsKey(StrictJsonInputFormatter.MalformedJsonItem);
        var errors = context.ModelState
            .Where(e => e.Value is { Errors.Count: > 0 })
            .ToDictionary(
                e => NormaliseKey(e.Key),
                e => e.Value!.Errors.Select(x => string.IsNullOrEmpty(x.ErrorMessage) ? "Invalid value." : x.ErrorMessage).ToArray());

        var status = malformed ? StatusCodes.Status400BadRequest : StatusCodes.Status422UnprocessableEntity;
        var problem = Problems.Validation(errors, "The request could not be read.", status, malformed ? "Malformed request body" : "Validation failed");
        problem.Instance = context.HttpContext.Request.Path;
        return new ProblemResult(problem);
    }

    private static string NormaliseKey(string key)
    {
        if (string.IsNullOrEmpty(key) || key == "$")
            return "body";
        if (key.StartsWith("$.", StringComparison.Ordinal))
            return key[2..];
        return key;
    }

    /// <summary>Messages for query and route values that cannot be converted (e.g. a non-UUID id).</summary>
    public static void Configure(DefaultModelBindingMessageProvider messages)
    {
        messages.SetAttemptedValueIsInvalidAccessor((value, name) => $"The value '{value}' is not valid for {name}.");
        // MVC passes the attempted value here (empty, for a non-nullable value type), not the field's name;
        // the field is the error's key.
        messages.SetValueMustNotBeNullAccessor(value => $"A value is required; '{value}' is not one.");
        messages.SetMissingBindRequiredValueAccessor(name => $"A value for {name} is required.");
        messages.SetValueIsInvalidAccessor(value => $"The value '{value}' is invalid.");
        messages.SetValueMustBeANumberAccessor(name => $"{name} must be a number.");
        messages.SetMissingKeyOrValueAccessor(() => "A value is required.");
        messages.SetMissingRequestBodyRequiredValueAccessor(() => "A JSON request body is required.");
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => $"The value '{value}' is not valid.");
        messages.SetUnknownValueIsInvalidAccessor(name => $"The supplied value is invalid for {name}.");
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => "The supplied value is invalid.");
        messages.SetNonPropertyValueMustBeANumberAccessor(() => "The field must be a number.");
    }
}
