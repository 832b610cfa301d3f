namespace StateHub.Infrastructure.Git;

/// <summary>A git repository could not be read; the message says why, in words for a maintainer.</summary>
internal sealed class GitReadException(string message) : Exception(message);
