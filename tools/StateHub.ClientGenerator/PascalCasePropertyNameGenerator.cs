using System.Text;
using NJsonSchema;
using NJsonSchema.CodeGeneration;

namespace StateHub.ClientGenerator;

/// <summary>C# names for snake_case wire names: <c>domain_slug</c> → <c>DomainSlug</c> (the JSON name stays on the attribute).</summary>
internal sealed class PascalCasePropertyNameGenerator : IPropertyNameGenerator
{
    public string Generate(JsonSchemaProperty property)
    {
        var name = new StringBuilder();
        foreach (var word in property.Name.Split(['_', '-', '.', ' ', '$', '@'], StringSplitOptions.RemoveEmptyEntries))
            name.Append(char.ToUpperInvariant(word[0])).Append(word.AsSpan(1));
        if (name.Length == 0 || char.IsDigit(name[0]))
            name.Insert(0, '_');
        return name.ToString();
    }
}
