using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace StateHub.WebApi.Infrastructure;

/// <summary>
/// Binds a present but empty string value (<c>?hash=</c>) as <c>""</c> instead of MVC's default
/// <c>null</c>, so "sent empty" and "not sent" stay different, as in the Python service: a missing
/// required value is a 422, an empty one is just a value. (<c>[DisplayFormat]</c> says the same but
/// cannot be put on a parameter.)
/// </summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property, AllowMultiple = false)]
public sealed class KeepEmptyStringAttribute : Attribute;

/// <summary>Turns <see cref="KeepEmptyStringAttribute"/> into model metadata.</summary>
public sealed class KeepEmptyStringMetadataProvider : IDisplayMetadataProvider
{
    public void CreateDisplayMetadata(DisplayMetadataProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Attributes.OfType<KeepEmptyStringAttribute>().Any())
            context.DisplayMetadata.ConvertEmptyStringToNull = false;
    }
}
