using NSwag;
using NSwag.CodeGeneration;

namespace StateHub.ClientGenerator;

/// <summary>
/// C# names for hyphenated header parameters: <c>If-Match</c> → <c>ifMatch</c> (NSwag's default
/// gives <c>if_Match</c>). Every other parameter keeps NSwag's name, so existing signatures stay.
/// </summary>
internal sealed class HeaderParameterNameGenerator : IParameterNameGenerator
{
    private readonly DefaultParameterNameGenerator _default = new();

    public string Generate(OpenApiParameter parameter, IEnumerable<OpenApiParameter> allParameters)
    {
        if (parameter.Kind != OpenApiParameterKind.Header || !parameter.Name.Contains('-', StringComparison.Ordinal))
            return _default.Generate(parameter, allParameters);

        var words = parameter.Name.Split('-', StringSplitOptions.RemoveEmptyEntries);
        return string.Concat(words.Select((w, i) => i == 0
            ? w.ToLowerInvariant()
            : char.ToUpperInvariant(w[0]) + w[1..].ToLowerInvariant()));
    }
}
