using StateHub.ClientGenerator;

// Regenerates src/Client/Generated/StateHubClient.g.cs from src/WebApi/openapi/statehub.v1.json.
//   dotnet run --project tools/StateHub.ClientGenerator            write the client
//   dotnet run --project tools/StateHub.ClientGenerator -- --check exit 1 when the committed client is stale
// scripts/regenerate-client.sh refreshes the document first, then runs this.
var check = args.Contains("--check");
var root = FindRoot(Directory.GetCurrentDirectory()) ?? FindRoot(AppContext.BaseDirectory);
if (root is null)
{
    Console.Error.WriteLine("Run from inside the State Hub repository (no StateHub.sln found above the current directory).");
    return 2;
}

var documentPath = Path.Combine(root, "src", "WebApi", "openapi", "statehub.v1.json");
var outputPath = Path.Combine(root, "src", "Client", "Generated", "StateHubClient.g.cs");
var code = await ClientCodeGenerator.GenerateAsync(await File.ReadAllTextAsync(documentPath));

if (check)
{
    var current = File.Exists(outputPath) ? await File.ReadAllTextAsync(outputPath) : string.Empty;
    if (current == code)
    {
        Console.WriteLine($"{Path.GetRelativePath(root, outputPath)} is up to date.");
        return 0;
    }

    Console.Error.WriteLine($"{Path.GetRelativePath(root, outputPath)} is stale: run scripts/regenerate-client.sh");
    return 1;
}

Directory.CreateDirectory(Path.GetDirectoryName(outputPath)!);
await File.WriteAllTextAsync(outputPath, code);
Console.WriteLine($"Wrote {Path.GetRelativePath(root, outputPath)} from {Path.GetRelativePath(root, documentPath)}.");
return 0;

static string? FindRoot(string start)
{
    for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "StateHub.sln")))
            return dir.FullName;
    }

    return null;
}
