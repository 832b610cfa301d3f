namespace StateHub.Application.Workplans.Parsing;

/// <summary>A minimal YAML tree: only what workplan front matter may hold. Lines are 1-based file lines.</summary>
internal abstract record YamlNode(int Line);

internal sealed record YamlScalar(int Line, string Value, bool IsPlain) : YamlNode(Line)
{
    /// <summary>A plain empty, <c>~</c> or <c>null</c> scalar: YAML's null.</summary>
    public bool IsNull => IsPlain && Value is "" or "~" or "null" or "Null" or "NULL";
}

internal sealed record YamlMapping(int Line, IReadOnlyList<KeyValuePair<YamlScalar, YamlNode>> Entries) : YamlNode(Line)
{
    public YamlNode? Get(string key) => Entries.FirstOrDefault(e => e.Key.Value == key).Value;
}

internal sealed record YamlSequence(int Line, IReadOnlyList<YamlNode> Items) : YamlNode(Line);

/// <summary>Front matter that cannot be turned into a tree: where and why.</summary>
internal sealed class YamlRejectedException(int line, string reason) : Exception(reason)
{
    public int Line { get; } = line;
}
