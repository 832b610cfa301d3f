using System.Text.RegularExpressions;

namespace StateHub.Application.Workplans;

/// <summary>
/// What a workplan file's path is, wherever files reach the hub (a sync's body, a facts report):
/// a Markdown file directly under <c>workplans/</c>. One rule, so that every file a facts report
/// holds can also be sent to a sync, and C7 never asks for one a sync refuses.
/// </summary>
public static partial class WorkplanPaths
{
    public const string Rule = "'path' must name a Markdown file directly under workplans/, e.g. workplans/registry.md (relative, no '..', no backslashes).";

    public static bool IsWorkplanPath(string? path) =>
        path is not null && Pattern().IsMatch(path) && !path.Split('/').Contains("..");

    // \z, not $: in .NET, $ also matches before a final newline.
    [GeneratedRegex(@"\Aworkplans/[^/\\\x00-\x1f\x7f]+\.md\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
