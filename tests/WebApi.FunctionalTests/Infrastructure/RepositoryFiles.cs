namespace StateHub.WebApi.FunctionalTests.Infrastructure;

/// <summary>Files of the source tree that tests compare against (found from the test's output folder upwards).</summary>
public static class RepositoryFiles
{
    private static readonly Lazy<string> RootDirectory = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "StateHub.sln")))
                return dir.FullName;
        }

        throw new InvalidOperationException($"No StateHub.sln above {AppContext.BaseDirectory}.");
    });

    public static string Root => RootDirectory.Value;

    public static string OpenApiDocument => Path.Combine(Root, "src", "WebApi", "openapi", "statehub.v1.json");

    public static string GeneratedClient => Path.Combine(Root, "src", "Client", "Generated", "StateHubClient.g.cs");

    public static string Relative(string path) => Path.GetRelativePath(Root, path);
}
