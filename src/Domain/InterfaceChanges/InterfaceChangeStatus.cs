namespace StateHub.Domain.InterfaceChanges;

public enum InterfaceChangeStatus
{
    Draft,
    Published,
    Resolved,
}
