namespace StateHub.Domain.Access;

/// <summary>What a key may do: everything, what belongs to one repo, or only read.</summary>
public enum ApiKeyRole
{
    Admin,
    Agent,
    Reader,
}
