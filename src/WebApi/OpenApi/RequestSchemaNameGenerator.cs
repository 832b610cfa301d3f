using NJsonSchema.Generation;

namespace StateHub.WebApi.OpenApi;

/// <summary>
/// Names request bodies for what they are on the wire: <c>RegisterRepoCommand</c> (the MediatR
/// command behind the endpoint) becomes the schema <c>RegisterRepoRequest</c>, and so the
/// generated clients' type. Every other type keeps its name.
/// </summary>
internal sealed class RequestSchemaNameGenerator : ISchemaNameGenerator
{
    private readonly DefaultSchemaNameGenerator _default = new();

    public string Generate(Type type)
    {
        var name = _default.Generate(type);
        return name.EndsWith("Command", StringComparison.Ordinal) ? name[..^"Command".Length] + "Request" : name;
    }
}
