namespace StateHub.Application.Workplans;

/// <summary>Bounds on what a sync reads and parses, so a hostile repo or request costs bounded work.</summary>
public static class WorkplanLimits
{
    /// <summary>Most workplan files one sync considers (read from disk or pushed).</summary>
    public const int MaxFiles = 500;

    /// <summary>Largest pushed workplan file, in UTF-8 bytes (the disk reader has its own cap, 1 MiB by default).</summary>
    public const int MaxFileBytes = 1024 * 1024;

    /// <summary>Most bytes one sync reads or accepts across all files.</summary>
    public const long MaxTotalBytes = 16L * 1024 * 1024;

    /// <summary>Longest front matter, in characters, between the opening and closing <c>---</c>.</summary>
    public const int MaxFrontMatterChars = 256 * 1024;

    /// <summary>Deepest YAML nesting accepted (a workplan needs 3: file → tasks → task).</summary>
    public const int MaxYamlDepth = 16;

    /// <summary>Most YAML nodes (scalars, lists, mappings) in one front matter.</summary>
    public const int MaxYamlNodes = 50_000;

    /// <summary>Most tasks in one workplan file.</summary>
    public const int MaxTasksPerFile = 2_000;

    /// <summary>Longest pushed file path.</summary>
    public const int MaxPathLength = 512;
}
