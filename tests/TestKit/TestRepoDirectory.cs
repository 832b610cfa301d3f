namespace StateHub.TestKit;

/// <summary>
/// A real repo directory for a test: a git repository made with the system git through
/// <see cref="GitSandbox"/> (tests may run git; the product never does), with helpers to add and
/// remove the files DoI looks for.
/// </summary>
public sealed class TestRepoDirectory : IDisposable
{
    private TestRepoDirectory(string path) => Path = path;

    public string Path { get; }

    /// <summary>The root commit, set by <see cref="Commit"/> the first time.</summary>
    public string? RootCommit { get; private set; }

    public static TestRepoDirectory Create(string name = "repo")
    {
        var sandbox = Directory.CreateTempSubdirectory("statehub-doi-").FullName;
        var path = System.IO.Path.Combine(sandbox, name);
        Directory.CreateDirectory(path);
        var repo = new TestRepoDirectory(path);
        repo.Git("init", "--quiet", "--initial-branch=main");
        return repo;
    }

    public TestRepoDirectory Write(string relativePath, string content)
    {
        var full = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return this;
    }

    public TestRepoDirectory Delete(string relativePath)
    {
        File.Delete(System.IO.Path.Combine(Path, relativePath));
        return this;
    }

    public string Commit(string message)
    {
        Git("add", "--all");
        Git("commit", "--quiet", "--no-gpg-sign", "--allow-empty", "-m", message);
        var head = Git("rev-parse", "HEAD");
        RootCommit ??= head;
        return head;
    }

    public string Git(params string[] args) => GitSandbox.Run(Path, args);

    public void Dispose()
    {
        try
        {
            Directory.Delete(System.IO.Path.GetDirectoryName(Path)!, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
