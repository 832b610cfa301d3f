using System.Linq.Expressions;
using System.Reflection;

namespace StateHub.Client;

/// <summary>Naming the fields a partial update clears.</summary>
public static class PartialUpdateExtensions
{
    /// <summary>
    /// Sends each of <paramref name="properties"/> as <c>null</c>, clearing it on the server:
    /// <c>new UpdateInterfaceChangeCommand().Clear(c =&gt; c.PlannedFor)</c>. Setting a value
    /// on the property afterwards sends that value instead.
    /// </summary>
    public static TUpdate Clear<TUpdate>(this TUpdate update, params Expression<Func<TUpdate, object?>>[] properties)
        where TUpdate : IPartialUpdate
    {
        ArgumentNullException.ThrowIfNull(update);
        ArgumentNullException.ThrowIfNull(properties);
        foreach (var property in properties)
        {
            var member = PropertyOf(property);
            member.SetValue(update, null);
            update.ClearedProperties.Add(member.Name);
        }

        return update;
    }

    private static PropertyInfo PropertyOf<TUpdate>(Expression<Func<TUpdate, object?>> selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        var body = selector.Body is UnaryExpression { NodeType: ExpressionType.Convert } convert ? convert.Operand : selector.Body;
        if (body is MemberExpression { Member: PropertyInfo property } member
            && member.Expression == selector.Parameters[0]
            && property.CanWrite
            && (!property.PropertyType.IsValueType || Nullable.GetUnderlyingType(property.PropertyType) is not null))
        {
            return property;
        }

        throw new ArgumentException($"'{selector}' must name a nullable property of {typeof(TUpdate).Name}, e.g. c => c.Description.", nameof(selector));
    }
}
