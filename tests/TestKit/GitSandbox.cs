using System.Diagnostics;

namespace StateHub.TestKit;

/// <summary>Runs the system git in tests only, isolated from the developer's configuration (no global or system config, a fixed author).</summary>
public static class GitSandbox
{
    public static string Run(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["GIT_AUTHOR_NAME"] = "Test";
        start.Environment["GIT_AUTHOR_EMAIL"] = "test@example.com";
        start.Environment["GIT_COMMITTER_NAME"] = "Test";
        start.Environment["GIT_COMMITTER_EMAIL"] = "test@example.com";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"git {string.Join(' ', args)} failed: {stderr}");
        return stdout.Result.Trim();
    }

    public static string Init(string directory, string objectFormat = "sha1")
    {
        Directory.CreateDirectory(directory);
        Run(directory, "init", "--quiet", "--initial-branch=main", "--object-format=" + objectFormat);
        return directory;
    }

    public static string Commit(string directory, string file, string content, string message)
    {
        var path = Path.Combine(directory, file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        Run(directory, "add", "--all");
        Run(directory, "commit", "--quiet", "--no-gpg-sign", "-m", message);
        return Run(directory, "rev-parse", "HEAD");
    }

    /// <summary>What git itself says the root commits are.</summary>
    public static string[] RootCommits(string directory) =>
        Run(directory, "rev-list", "--max-parents=0", "HEAD").Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
