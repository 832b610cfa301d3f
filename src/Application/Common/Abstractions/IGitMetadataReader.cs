namespace StateHub.Application.Common.Abstractions;

/// <summary>
/// Reads git metadata from a repo's <c>.git</c> folder as plain files: nothing is executed, and
/// nothing outside the repo root is opened (a <c>.git</c> file or alternates pointing elsewhere
/// are not followed).
/// </summary>
public interface IGitMetadataReader
{
    /// <summary>Cheap: the commit HEAD resolves to, and whether the clone is shallow. Used in fingerprints.</summary>
    GitHeadState ReadHead(IRepoDirectory directory);

    /// <summary>The root commits (commits without parents) reachable from HEAD, walking every parent.</summary>
    GitRootCommits ReadRootCommits(IRepoDirectory directory);
}

/// <summary>What HEAD points to; <see cref="Problem"/> says why it could not be resolved.</summary>
public sealed record GitHeadState(string? HeadCommit, bool Shallow, string? Problem);

/// <summary>The root commits of HEAD's history, first-parent chain's root first; <see cref="Problem"/> says why they are unknown.</summary>
public sealed record GitRootCommits(IReadOnlyList<string> Commits, string? Problem)
{
    public static GitRootCommits Unknown(string problem) => new([], problem);
}
