using System.Reflection;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using NSwag;
using NSwag.Generation.AspNetCore;
using NSwag.Generation.Processors;
using NSwag.Generation.Processors.Contexts;

namespace StateHub.WebApi.OpenApi;

/// <summary>
/// Marks a query parameter required when the action declares it a non-nullable reference type
/// without a default, the same rule as for body properties. MVC does not enforce it
/// (<c>SuppressImplicitRequiredAttributeForNonNullableReferenceTypes</c>): the request's validator
/// does. A value type (<c>bool</c>, <c>int</c>) is never required: MVC binds its default when it is missing.
/// </summary>
internal sealed class RequiredParametersOperationProcessor : IOperationProcessor
{
    private readonly NullabilityInfoContext _nullability = new();

    public bool Process(OperationProcessorContext context)
    {
        if (context is not AspNetCoreOperationProcessorContext { ApiDescription: { } api })
            return true;

        foreach (var parameter in context.OperationDescription.Operation.Parameters.Where(p => p.Kind == OpenApiParameterKind.Query))
        {
            var info = api.ParameterDescriptions
                .Where(d => d.Source == BindingSource.Query && string.Equals(d.Name, parameter.Name, StringComparison.OrdinalIgnoreCase))
                .Select(d => (d.ParameterDescriptor as ControllerParameterDescriptor)?.ParameterInfo)
                .FirstOrDefault(p => p is not null);
            if (info is null || info.HasDefaultValue || info.ParameterType.IsValueType)
                continue;

            lock (_nullability)
            {
                if (_nullability.Create(info).ReadState == NullabilityState.NotNull)
                {
                    parameter.IsRequired = true;
                    parameter.IsNullableRaw = null;
                    if (parameter.Schema is { } schema)
                        schema.IsNullableRaw = null;
                }
            }
        }

        return true;
    }
}
