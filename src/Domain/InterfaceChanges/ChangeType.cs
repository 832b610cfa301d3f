namespace StateHub.Domain.InterfaceChanges;

public enum ChangeType
{
    Breaking,
    Additive,
    Deprecation,
    Removal,
    Behavioural,
}
