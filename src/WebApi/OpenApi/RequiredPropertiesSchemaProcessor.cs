using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using FluentValidation;
using FluentValidation.Internal;
using FluentValidation.Validators;
using NJsonSchema;
using NJsonSchema.Generation;
using StateHub.Application.Common.Messaging;

namespace StateHub.WebApi.OpenApi;

/// <summary>
/// Marks as required every property whose C# type is not nullable (reference types by their
/// nullable annotation) and that has no default, without attributes on the request types, so
/// that a missing field still reaches FluentValidation and comes back as a 422. A property
/// declared nullable only so that its absence reaches the validator (<c>ChangeType?</c> with an
/// unconditional <c>NotNull()</c>) is required and not nullable, as the validator has it; the
/// validators come from <paramref name="validators"/>. Partial updates
/// (<see cref="PatchRequest"/>) require nothing, and offer null only where null clears a field. Response-only schemas are completed by
/// <see cref="ContractDocumentProcessor"/>: the service writes every property of them, except
/// those it leaves out when empty (<c>[JsonIgnore(Condition = WhenWritingNull)]</c>), which this
/// processor marks as omittable.
/// </summary>
internal sealed class RequiredPropertiesSchemaProcessor(Func<Type, IValidator?> validators) : ISchemaProcessor
{
    public void Process(SchemaProcessorContext context)
    {
        var type = context.ContextualType.Type;
        var schema = context.Schema;
        if (schema.Properties.Count == 0 || ProblemDetailsSchemaProcessor.IsProblemType(type))
            return;

        if (typeof(PatchRequest).IsAssignableFrom(type))
        {
            schema.RequiredProperties.Clear();
            foreach (var name in RefusedAsNull(type))
            {
                if (schema.Properties.TryGetValue(name, out var property))
                    property.IsNullableRaw = null;
            }

            return;
        }

        foreach (var property in schema.Properties.Values)
        {
            if (!property.IsNullable(SchemaType.OpenApi3) && property.Default is null)
                property.IsRequired = true;
        }

        foreach (var name in RequiredByValidator(type))
        {
            if (schema.Properties.TryGetValue(name, out var property))
            {
                property.IsRequired = true;
                property.IsNullableRaw = null;
            }
        }

        foreach (var name in OmittedWhenEmpty(type))
        {
            if (schema.Properties.TryGetValue(name, out var property))
            {
                property.IsRequired = false;
                property.ExtensionData ??= new Dictionary<string, object?>();
                property.ExtensionData[ContractDocumentProcessor.OmittableMarker] = true;
            }
        }
    }

    /// <summary>
    /// Wire names of a partial update's properties that may be left out but not sent as null: the
    /// validator checks them with NotNull or NotEmpty when present (<c>name</c>, <c>status</c>…),
    /// so a client generated from the document must not offer null for them. Those without such a
    /// rule (<c>description</c>, <c>planned_for</c>…) stay nullable: null clears them.
    /// </summary>
    private IEnumerable<string> RefusedAsNull(Type type) =>
        PropertiesWhoseRules(type, unconditionalOnly: false, c => c.Validator is INotNullValidator or INotEmptyValidator);

    /// <summary>
    /// Wire names of the properties the type's validator requires unconditionally (NotNull or
    /// NotEmpty, outside any When); rules for each element of a collection say nothing about the collection.
    /// </summary>
    private IEnumerable<string> RequiredByValidator(Type type) =>
        PropertiesWhoseRules(type, unconditionalOnly: true, c => c.Validator is INotNullValidator or INotEmptyValidator);

    /// <summary>
    /// Wire names of the properties with a rule component that <paramref name="holds"/>; with
    /// <paramref name="unconditionalOnly"/>, only components outside any condition: a
    /// <c>When(…)</c> block puts its condition on the rule (<c>repo_slug</c> of an API key is
    /// required for agent keys only), <c>.When(…)</c> after a component on the component.
    /// </summary>
    private IEnumerable<string> PropertiesWhoseRules(Type type, bool unconditionalOnly, Func<IRuleComponent, bool> holds)
    {
        if (validators(type) is not { } validator)
            return [];
        var descriptor = validator.CreateDescriptor();
        return type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => descriptor.GetRulesForMember(p.Name)
                .Where(rule => !IsCollectionRule(rule))
                .Where(rule => !unconditionalOnly || !(rule.HasCondition || rule.HasAsyncCondition))
                .SelectMany(rule => rule.Components)
                .Any(c => holds(c) && !(unconditionalOnly && (c.HasCondition || c.HasAsyncCondition))))
            .Select(WireName);
    }

    private static bool IsCollectionRule(IValidationRule rule) =>
        rule.GetType().GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICollectionRule<,>));

    private static string WireName(PropertyInfo property) =>
        property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name);

    private static IEnumerable<string> OmittedWhenEmpty(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<JsonIgnoreAttribute>()?.Condition
                is JsonIgnoreCondition.WhenWritingNull or JsonIgnoreCondition.WhenWritingDefault)
            .Select(WireName);
}
