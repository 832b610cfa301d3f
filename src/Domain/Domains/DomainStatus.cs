namespace StateHub.Domain.Domains;

public enum DomainStatus
{
    Active,
    Paused,
    Archived,
}
