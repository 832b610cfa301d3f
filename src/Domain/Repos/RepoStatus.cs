namespace StateHub.Domain.Repos;

public enum RepoStatus
{
    Active,
    Archived,
}
